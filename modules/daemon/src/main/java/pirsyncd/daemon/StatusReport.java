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
 * @param uptimeSeconds seconds since then
 * @param source the watched source directory
 * @param watches directories watched now
 * @param pending changes waiting, summed over all targets
 * @param targets one entry per destination, in config order
 */
record StatusReport(String instance, long pid, String version, String startedAt, long uptimeSeconds,
        String source, long watches, long pending, List<TargetReport> targets) {

    StatusReport {
        targets = List.copyOf(targets);
    }

    /**
     * One destination's state.
     *
     * @param destination the destination as configured
     * @param state {@code idle}, {@code waiting}, {@code syncing}, {@code retrying} or {@code failed}
     * @param pending changes waiting for this destination
     * @param lastSuccess when its last transfer succeeded, or null
     * @param lastError the last failure in words, or null when the last transfer succeeded
     * @param transfers transfers run so far
     * @param failures transfers that failed
     * @param filesSent files sent so far
     * @param bytesSent bytes sent so far
     */
    record TargetReport(String destination, String state, long pending, String lastSuccess, String lastError,
            long transfers, long failures, long filesSent, long bytesSent) {}
}
