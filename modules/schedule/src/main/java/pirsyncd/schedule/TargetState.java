package pirsyncd.schedule;

/** What a destination is doing, as {@code status} shows it. */
public enum TargetState {
    /** In sync as far as the scheduler knows: nothing pending, no run in progress. */
    IDLE,
    /** Changes are pending and the next run is timed (debounce, maxDelay, everyEvents). */
    WAITING,
    /** A transfer is running. */
    SYNCING,
    /** The last run failed; its batch is kept and retried after a backoff. */
    RETRYING,
    /**
     * The destination needs a person: the last run's outcome was FATAL, or
     * {@value TargetStatus#FAILED_AFTER} runs in a row failed. It is still retried (at most every
     * {@code backoffMax}), so it recovers by itself once fixed; except after the max-delete limit
     * stopped a run ({@code TransferResult.holdUntilResync}): then nothing runs, changes are kept,
     * and only {@code pirsyncd resync} resumes it (the last error's meaning says so).
     */
    FAILED
}
