package pirsyncd.daemon;

/**
 * What became of a stop: whether the final sync finished within the shutdown timeout, and the
 * sentence for people, which {@code pirsyncd stop} prints.
 *
 * @param flushed true if every pending change was synced before the daemon stopped
 * @param message e.g. {@code stopped instance "www": final sync of 3 pending change(s) done in 0.4 s}
 */
record StopOutcome(boolean flushed, String message) {}
