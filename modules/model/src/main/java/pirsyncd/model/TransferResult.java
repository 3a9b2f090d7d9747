package pirsyncd.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What one transfer achieved.
 *
 * @param outcome what the scheduler should do next
 * @param exitCode the rsync exit code (0 on success; -1 if rsync never ran or was killed)
 * @param meaning the exit code or failure in words, for {@code status} and the log
 * @param filesSent regular files transferred
 * @param bytesSent bytes written to the destination side (rsync's "Total bytes sent")
 * @param elapsed wall time of the transfer
 */
public record TransferResult(Outcome outcome, int exitCode, String meaning, long filesSent, long bytesSent,
        Duration elapsed) {
    public TransferResult {
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(meaning);
        Objects.requireNonNull(elapsed);
    }

    /** What a transfer's result asks of the scheduler. */
    public enum Outcome {
        /** Done: the batch is applied. */
        OK,
        /** Not (wholly) done for a reason that may pass: keep the batch and try again later. */
        RETRY,
        /** Cannot work without a person fixing something (bad options, auth refused): keep the batch, back off long. */
        FATAL
    }
}
