package pirsyncd.daemon;

import java.util.Locale;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;
import pirsyncd.model.Batch;
import pirsyncd.model.Transfer;
import pirsyncd.model.TransferResult;

/**
 * Logs every transfer of one target at info level under the {@code rsync} tag, with what an
 * admin asks first: destination, kind of run, outcome, duration, files and bytes. The launcher
 * logs the details of failures and commands; this is the one line per run that always shows.
 */
record LoggedTransfer(String target, String destination, Transfer delegate) implements Transfer {
    private static final TaggedLogger LOG = Logger.tag("rsync");

    @Override
    public TransferResult run(Batch batch) throws InterruptedException {
        TransferResult result = delegate.run(batch);
        String what = switch (batch) {
            case Batch.Full full -> "full sync (" + full.reason() + ")";
            case Batch.Incremental incremental -> "sync of " + incremental.size() + " change(s)";
        };
        String line = String.format(Locale.ROOT, "[%s] %s to %s: %s in %.2f s, %d file(s), %d byte(s) sent%s", target,
                what, destination, result.outcome().name().toLowerCase(Locale.ROOT), result.elapsed().toMillis() / 1000.0,
                result.filesSent(), result.bytesSent(),
                result.outcome() == TransferResult.Outcome.OK ? "" : " (" + result.meaning() + ")");
        switch (result.outcome()) {
            case OK -> LOG.info(line);
            case RETRY, FATAL -> LOG.warn(line);
        }
        return result;
    }
}
