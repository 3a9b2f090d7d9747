package pirsyncd.daemon;

import java.time.Duration;
import java.util.Locale;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;
import pirsyncd.model.Batch;
import pirsyncd.model.Transfer;
import pirsyncd.model.TransferResult;

/**
 * Logs every transfer of one target under the {@code rsync} tag, with what an admin asks first:
 * destination, kind of run, outcome, duration, files and bytes. Every run gets its line, also one
 * that throws (outcome {@code error}) or is cancelled because the daemon stops (outcome
 * {@code cancelled}, e.g. at the end of the shutdown timeout). The launcher logs the details of
 * failures and commands; this is the one line per run that always shows.
 */
record LoggedTransfer(String target, String destination, Transfer delegate) implements Transfer {
    private static final TaggedLogger LOG = Logger.tag("rsync");

    @Override
    public TransferResult run(Batch batch) throws InterruptedException {
        long started = System.nanoTime();
        TransferResult result;
        try {
            result = delegate.run(batch);
        } catch (InterruptedException cancelled) {
            LOG.warn(unfinishedLine(batch, "cancelled", elapsedSince(started), "the daemon is stopping"));
            throw cancelled;
        } catch (RuntimeException failed) {
            LOG.warn(unfinishedLine(batch, "error", elapsedSince(started), String.valueOf(failed)));
            throw failed;
        }
        String line = finishedLine(batch, result);
        switch (result.outcome()) {
            case OK -> LOG.info(line);
            case RETRY, FATAL -> LOG.warn(line);
        }
        return result;
    }

    /** e.g. {@code [www] sync of 3 change(s) to /backup/www: ok in 0.21 s, 3 file(s), 1200 byte(s) sent}. */
    String finishedLine(Batch batch, TransferResult result) {
        return String.format(Locale.ROOT, "[%s] %s to %s: %s in %.2f s, %d file(s), %d byte(s) sent%s", target,
                what(batch), destination, result.outcome().name().toLowerCase(Locale.ROOT),
                result.elapsed().toMillis() / 1000.0, result.filesSent(), result.bytesSent(),
                result.outcome() == TransferResult.Outcome.OK ? "" : " (" + result.meaning() + ")");
    }

    /** e.g. {@code [www] full sync (initial sync) to /backup/www: cancelled after 1.00 s (the daemon is stopping)}. */
    String unfinishedLine(Batch batch, String outcome, Duration elapsed, String why) {
        return String.format(Locale.ROOT, "[%s] %s to %s: %s after %.2f s (%s)", target, what(batch), destination,
                outcome, elapsed.toMillis() / 1000.0, why);
    }

    private static String what(Batch batch) {
        return switch (batch) {
            case Batch.Full full -> "full sync (" + full.reason() + ")";
            case Batch.Incremental incremental -> "sync of " + incremental.size() + " change(s)";
        };
    }

    private static Duration elapsedSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
