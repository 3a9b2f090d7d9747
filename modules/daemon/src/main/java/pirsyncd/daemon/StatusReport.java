package pirsyncd.daemon;

import java.util.List;

/**
 * What {@code pirsyncd status --json} prints and the control socket sends: a snapshot of one
 * running instance. Times are ISO-8601 UTC strings (or null when it never happened), so that
 * scripts read them without a date library. The field names are an interface for scripts: they
 * are documented in docs/config.md ("Status and metrics") and only ever added to.
 *
 * @param instance the instance name
 * @param pid the daemon's process id
 * @param version the pirsyncd version
 * @param startedAt when the daemon started
 * @param uptime seconds since then
 * @param source the watched source directory
 * @param watchState {@code watching}, or {@code root_missing} while the source is gone
 * @param watchProblem why the source is not watched (e.g. it was deleted or unmounted), or null
 * @param watches directories watched now
 * @param unwatched directories that could not be watched (watch limit) and are rescanned instead
 * @param unwatchedPaths those directories relative to the source, the first
 *     {@value #MAX_UNWATCHED_PATHS} of them
 * @param watchBytesPerDirectory approximate heap the watch tree costs per watched directory
 * @param eventsRead raw inotify events read since start
 * @param overflows times the kernel's event queue overflowed since start (each costs a full sync)
 * @param pending changes waiting, summed over all targets
 * @param shutdownTimeout seconds a stop waits for the final sync
 * @param targets one entry per destination, in config order
 */
record StatusReport(String instance, long pid, String version, String startedAt, long uptime,
        String source, String watchState, String watchProblem, long watches, long unwatched,
        List<String> unwatchedPaths, long watchBytesPerDirectory, long eventsRead, long overflows,
        long pending, double shutdownTimeout, List<TargetReport> targets) {

    /** Enough to find the pattern; the count says how many there are in all. */
    static final int MAX_UNWATCHED_PATHS = 100;

    StatusReport {
        unwatchedPaths = List.copyOf(unwatchedPaths);
        targets = List.copyOf(targets);
    }

    /**
     * One destination's state.
     *
     * @param name the target's name
     * @param destination the destination as configured (never a password)
     * @param state {@code idle}, {@code waiting}, {@code syncing}, {@code retrying} or {@code failed}
     * @param pending changes waiting for this destination (a pending full sync counts as one)
     * @param fullSyncPending whether the next run is a full sync
     * @param nextRun when the next run is due, or null while idle or syncing
     * @param lastSuccess when its last transfer succeeded, or null
     * @param lastError the last failure in words, or null if none yet; kept after later successes
     * @param lastErrorAt when it happened, or null
     * @param transfers transfers run so far
     * @param failures transfers that failed
     * @param consecutiveFailures transfers that failed since the last success
     * @param filesSent files sent so far
     * @param bytesSent bytes sent so far
     */
    record TargetReport(String name, String destination, String state, long pending, boolean fullSyncPending,
            String nextRun, String lastSuccess, String lastError, String lastErrorAt,
            long transfers, long failures, long consecutiveFailures, long filesSent, long bytesSent) {}
}
