package pirsyncd.model;

/**
 * Carries out batches for one destination; the rsync launcher implements it and the scheduler
 * calls it, one batch at a time per destination, from that destination's own thread.
 */
@FunctionalInterface
public interface Transfer {
    /**
     * Runs the batch to the end and says what happened. Failures are reported in the result,
     * not thrown. A rename that cannot be applied is not a failure: it is skipped and both of its
     * names are synced in the same run (see {@link Batch}).
     *
     * @throws InterruptedException if the daemon is stopping; the transfer has been cancelled
     */
    TransferResult run(Batch batch) throws InterruptedException;
}
