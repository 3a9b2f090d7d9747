package pirsyncd.daemon;

/** What the control socket asks of the running daemon; implemented by {@link Daemon}. */
interface ControlHandler {
    /** The current state of the instance. */
    StatusReport status();

    /** Queues a full sync of every target and says what was queued. */
    String resync(String reason);

    /**
     * Stops the daemon: blocks until the final sync is over (bounded by the shutdown timeout)
     * and returns what became of the pending changes.
     */
    StopOutcome stop(String reason) throws InterruptedException;
}
