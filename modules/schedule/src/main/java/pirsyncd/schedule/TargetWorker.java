package pirsyncd.schedule;

import java.time.Duration;
import java.util.Optional;
import org.tinylog.TaggedLogger;
import pirsyncd.model.Batch;
import pirsyncd.model.TransferResult;

/**
 * The loop on one destination's own thread: wait for a due batch, run the transfer, report. A
 * slow or dead destination blocks only this thread.
 */
final class TargetWorker implements Runnable {
    private static final TaggedLogger LOG = org.tinylog.Logger.tag("schedule");

    private final TargetQueue queue;

    TargetWorker(TargetQueue queue) {
        this.queue = queue;
    }

    @Override
    public void run() {
        String name = queue.spec().name();
        try {
            while (true) {
                Optional<Batch> next = queue.awaitBatch();
                if (next.isEmpty()) {
                    return;
                }
                Batch batch = next.get();
                LOG.debug("{}: running {}", name, describe(batch));
                long started = System.nanoTime();
                TransferResult result;
                try {
                    result = queue.spec().transfer().run(batch);
                } catch (InterruptedException e) {
                    queue.abandon(batch);
                    LOG.debug("{}: transfer cancelled, its batch stays pending", name);
                    return;
                } catch (RuntimeException e) {
                    // a bug in a Transfer must not lose the batch or kill the destination's thread
                    LOG.error(e, "{}: the transfer failed unexpectedly", name);
                    result = new TransferResult(TransferResult.Outcome.RETRY, -1,
                            "the transfer failed unexpectedly: " + e, 0, 0,
                            Duration.ofNanos(System.nanoTime() - started));
                }
                queue.complete(batch, result);
                report(name, batch, result);
            }
        } catch (InterruptedException e) {
            LOG.debug("{}: worker interrupted, stopping", name);
        }
    }

    private static void report(String name, Batch batch, TransferResult result) {
        switch (result.outcome()) {
            case OK -> LOG.debug("{}: {} done in {} ms: {} files, {} bytes sent", name, describe(batch),
                    result.elapsed().toMillis(), result.filesSent(), result.bytesSent());
            case RETRY -> LOG.warn("{}: {} failed (rsync exit {}: {}); kept for a retry", name, describe(batch),
                    result.exitCode(), result.meaning());
            case FATAL -> {
                if (result.holdUntilResync()) {
                    LOG.error("{}: {} stopped (rsync exit {}: {}); holding: nothing runs for this destination"
                            + " until `pirsyncd resync`, changes are kept", name, describe(batch), result.exitCode(),
                            result.meaning());
                } else {
                    LOG.error("{}: {} failed (rsync exit {}: {}); this needs fixing, retrying slowly", name,
                            describe(batch), result.exitCode(), result.meaning());
                }
            }
        }
    }

    private static String describe(Batch batch) {
        return switch (batch) {
            case Batch.Full full -> "full sync (" + full.reason() + ")";
            case Batch.Incremental inc -> "sync of " + inc.moves().size() + " renames, " + inc.paths().size()
                    + " paths, " + inc.trees().size() + " trees";
        };
    }
}
