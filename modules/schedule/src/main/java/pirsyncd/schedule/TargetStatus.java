package pirsyncd.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import pirsyncd.model.TransferResult;

/**
 * A snapshot of one destination, taken at once under its lock.
 *
 * @param name the target's name
 * @param destination the destination for people
 * @param state what it is doing
 * @param pending how many places the next batch names (a full sync counts as one)
 * @param fullSyncPending whether the next batch is a full sync
 * @param nextRun when the next run is due, if anything is pending and no run is in progress; empty
 *     while held after max-delete (see {@link TargetState#FAILED})
 * @param lastSuccess when the last successful run ended
 * @param lastError the last failed run, kept after later successes so that it can be looked up
 * @param runs transfers run so far (successful or not)
 * @param failures transfers that failed so far
 * @param consecutiveFailures failed transfers since the last success
 * @param filesSent regular files sent so far, over all runs
 * @param bytesSent bytes sent so far, over all runs
 */
public record TargetStatus(String name, String destination, TargetState state, int pending,
        boolean fullSyncPending, Optional<Instant> nextRun, Optional<Instant> lastSuccess,
        Optional<LastError> lastError, long runs, long failures, int consecutiveFailures, long filesSent,
        long bytesSent) {

    /** Failed runs in a row after which a destination counts as {@link TargetState#FAILED}. */
    public static final int FAILED_AFTER = 5;

    public TargetStatus {
        Objects.requireNonNull(name);
        Objects.requireNonNull(destination);
        Objects.requireNonNull(state);
        Objects.requireNonNull(nextRun);
        Objects.requireNonNull(lastSuccess);
        Objects.requireNonNull(lastError);
    }

    /**
     * A failed run.
     *
     * @param at when it ended
     * @param outcome RETRY or FATAL
     * @param exitCode rsync's exit code (-1 if rsync never ran or was killed)
     * @param meaning the exit code or the failure in words
     */
    public record LastError(Instant at, TransferResult.Outcome outcome, int exitCode, String meaning) {
        public LastError {
            Objects.requireNonNull(at);
            Objects.requireNonNull(outcome);
            Objects.requireNonNull(meaning);
        }
    }
}
