package pirsyncd.daemon;

import java.util.List;

/**
 * What {@code pirsyncd status --json} prints and the control socket sends: a snapshot of one
 * running instance. Times are ISO-8601 UTC strings (or null when it never happened), so that
 * scripts read them without a date library.
 *
 * @param instance the instance name
 * @param pid the daemon's process id
 * @param version the pirsyncd version
 * @param startedAt when the daemon started
 * @param uptime seconds since then
 * @param source the watched source directory
 * @param watchState {@code watching}, or {@code root_missing} while the source is gone
 * @param watches directories watched now
 * @param unwatched directories that could not be watched (watch limit) and are rescanned instead
 * @param pending changes waiting, summed over all targets
 * @param targets one entry per destination, in config order
 */
record StatusReport(String instance, long pid, String version, String startedAt, long uptime,
        String source, String watchState, long watches, long unwatched, long pending, List<TargetReport> targets) {

    StatusReport {
        targets = List.copyOf(targets);
    }

    /**
     * One destination's state.
     *
     * @param name the target's name
     * @param destination the destination as configured (never a password)
     * @param state {@code idle}, {@code waiting}, {@code syncing}, {@code retrying} or {@code failed}
     * @param pending changes waiting for this destination
     * @param lastSuccess when its last transfer succeeded, or null
     * @param lastError the last failure in words, or null if none yet; kept after later successes
     * @param lastErrorAt when it happened, or null
     * @param transfers transfers run so far
     * @param failures transfers that failed
     * @param filesSent files sent so far
     * @param bytesSent bytes sent so far
     */
    record TargetReport(String name, String destination, String state, long pending, String lastSuccess,
            String lastError, String lastErrorAt,
            long transfers, long failures, long filesSent, long bytesSent) {}
}
