package pirsyncd.e2e;

/**
 * How big the scenarios are. {@link #FAST} keeps the whole module within a few minutes of
 * {@code ./mvnw verify} on a shared two-core machine; {@link #SOAK} (JUnit tag {@code soak}) uses the
 * sizes issue 8 names.
 *
 * @param renamedDirectoryFiles files in the directory that is renamed as a whole
 * @param bigFileBytes the file appended to while it is being synced
 * @param sparseFileBytes the sparse file (a hole, then 4 KiB of data)
 * @param overflowChanges changes made while the daemon is stopped, at least (the scenario makes enough to
 *     exceed fs.inotify.max_queued_events, 16,384 by default, by a quarter)
 * @param loadChangesPerSecond the steady writer's rate
 * @param loadSeconds how long the steady writer runs
 */
record Sizes(int renamedDirectoryFiles, long bigFileBytes, long sparseFileBytes, int overflowChanges,
        int loadChangesPerSecond, int loadSeconds) {

    static final Sizes FAST = new Sizes(2_000, 64L << 20, 64L << 20, 20_000, 1_000, 10);
    static final Sizes SOAK = new Sizes(10_000, 1L << 30, 256L << 20, 50_000, 2_000, 60);
}
