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
 * @param renamesRetryable only for a failed run: the batch's renames may be offered again as renames,
 *     because the run stopped before it applied any of them (at most the first may have taken effect
 *     without the run seeing it, and trying that one again finds its old name gone and skips it, as
 *     {@link Transfer} requires). When false, a failed batch's renames come back as places (the old
 *     name deleted, the new one compared), since a renamed tree may already be at its new name.
 * @param holdUntilResync only with {@link Outcome#FATAL}: the run stopped itself to protect the
 *     destination (rsync's {@code --max-delete} limit), and repeating it would only do more of what it
 *     stopped: keep the batch, but run nothing for this destination until a person asks for a full
 *     sync ({@code pirsyncd resync})
 */
public record TransferResult(Outcome outcome, int exitCode, String meaning, long filesSent, long bytesSent,
        Duration elapsed, boolean renamesRetryable, boolean holdUntilResync) {
    public TransferResult {
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(meaning);
        Objects.requireNonNull(elapsed);
        if (outcome == Outcome.OK && (renamesRetryable || holdUntilResync)) {
            throw new IllegalArgumentException("a successful run has nothing to retry or hold: " + meaning);
        }
        if (holdUntilResync && outcome != Outcome.FATAL) {
            throw new IllegalArgumentException("only a FATAL run can hold its destination: " + meaning);
        }
    }

    /** A result whose failed batch, if any, is retried the usual way (renames come back as places, no hold). */
    public TransferResult(Outcome outcome, int exitCode, String meaning, long filesSent, long bytesSent,
            Duration elapsed) {
        this(outcome, exitCode, meaning, filesSent, bytesSent, elapsed, false, false);
    }

    /** What a transfer's result asks of the scheduler. */
    public enum Outcome {
        /** Done: the batch is applied. */
        OK,
        /** Not (wholly) done for a reason that may pass: keep the batch and try again later. */
        RETRY,
        /**
         * Cannot work without a person fixing something (bad options, auth refused): keep the batch,
         * back off long; with {@link TransferResult#holdUntilResync()}, do not retry at all until asked.
         */
        FATAL
    }
}
