package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pirsyncd.model.Batch;
import pirsyncd.model.RelativePath;
import pirsyncd.model.TransferResult;

/**
 * Every run gets its one line: a finished one with its outcome and figures, one that throws or is
 * cancelled with "error" or "cancelled"; and the failure still reaches the scheduler unchanged.
 */
class LoggedTransferTest {
    private static final Batch TWO = Batch.Incremental.ofPaths(Set.of(RelativePath.of("a"), RelativePath.of("b")));

    @Test
    void aFinishedRunSaysOutcomeDurationFilesAndBytes() {
        LoggedTransfer logged = new LoggedTransfer("www", "/backup/www", batch -> null);
        assertEquals("[www] sync of 2 change(s) to /backup/www: ok in 0.25 s, 2 file(s), 1200 byte(s) sent",
                logged.finishedLine(TWO, new TransferResult(TransferResult.Outcome.OK, 0, "success", 2, 1200,
                        Duration.ofMillis(250))));
        assertEquals("[www] full sync (initial sync) to /backup/www: retry in 1.00 s, 0 file(s), 0 byte(s) sent"
                        + " (timeout in data send/receive (rsync exit 30))",
                logged.finishedLine(new Batch.Full("initial sync"), new TransferResult(TransferResult.Outcome.RETRY, 30,
                        "timeout in data send/receive (rsync exit 30)", 0, 0, Duration.ofSeconds(1))));
    }

    @Test
    void aCancelledOrFailedRunSaysSo() {
        LoggedTransfer logged = new LoggedTransfer("www", "/backup/www", batch -> null);
        assertEquals("[www] sync of 2 change(s) to /backup/www: cancelled after 1.50 s (the daemon is stopping)",
                logged.unfinishedLine(TWO, "cancelled", Duration.ofMillis(1500), "the daemon is stopping"));
        assertEquals("[www] full sync (resync) to /backup/www: error after 0.00 s (java.lang.IllegalStateException: bug)",
                logged.unfinishedLine(new Batch.Full("resync"), "error", Duration.ZERO,
                        String.valueOf(new IllegalStateException("bug"))));
    }

    @Test
    void aCancellationAndAnExceptionAreLoggedAndPassedOnUnchanged() {
        InterruptedException cancelled = new InterruptedException("stopping");
        assertSame(cancelled, assertThrows(InterruptedException.class,
                () -> new LoggedTransfer("t", "/d", batch -> {
                    throw cancelled;
                }).run(TWO)));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> new LoggedTransfer("t", "/d", batch -> {
                    throw bug;
                }).run(TWO)));
    }
}
