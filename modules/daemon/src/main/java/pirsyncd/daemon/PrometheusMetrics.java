package pirsyncd.daemon;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import pirsyncd.watch.WatchStatus;

/**
 * Renders a {@link StatusReport} in the Prometheus text exposition format (version 0.0.4), for
 * node_exporter's textfile collector or a scraper script. Every series carries the instance name
 * as label {@code pirsyncd_instance}, so several instances can share one textfile directory.
 */
final class PrometheusMetrics {
    private PrometheusMetrics() {}

    /** The states a target can be in, each exported as a 0/1 series so that alerts can match one. */
    private static final List<String> STATES = List.of("idle", "waiting", "syncing", "retrying", "failed");

    static String render(StatusReport status) {
        StringBuilder out = new StringBuilder();
        String instance = "pirsyncd_instance=\"" + escape(status.instance()) + "\"";
        gauge(out, "pirsyncd_up", "1 while the daemon runs.");
        out.append("pirsyncd_up{").append(instance).append("} 1\n");
        gauge(out, "pirsyncd_uptime_seconds", "Seconds since the daemon started.");
        out.append("pirsyncd_uptime_seconds{").append(instance).append("} ").append(status.uptime()).append('\n');
        gauge(out, "pirsyncd_watches", "Directories watched with inotify.");
        out.append("pirsyncd_watches{").append(instance).append("} ").append(status.watches()).append('\n');
        gauge(out, "pirsyncd_pending_changes", "Changes waiting to be transferred, over all targets.");
        out.append("pirsyncd_pending_changes{").append(instance).append("} ").append(status.pending()).append('\n');
        gauge(out, "pirsyncd_watch_state", "1 for the state the source's watch is in (watching, root_missing), 0 for the others.");
        for (WatchStatus.RootState state : WatchStatus.RootState.values()) {
            String name = state.name().toLowerCase(Locale.ROOT);
            out.append("pirsyncd_watch_state{").append(instance).append(",state=\"").append(name).append("\"} ")
                    .append(name.equals(status.watchState()) ? 1 : 0).append('\n');
        }
        gauge(out, "pirsyncd_unwatched_directories",
                "Directories that could not be watched (inotify watch limit, or a path too long to watch) and are rescanned periodically instead.");
        out.append("pirsyncd_unwatched_directories{").append(instance).append("} ").append(status.unwatched()).append('\n');
        gauge(out, "pirsyncd_watch_heap_bytes", "Approximate heap the watch tree takes (watched directories x bytes each).");
        out.append("pirsyncd_watch_heap_bytes{").append(instance).append("} ")
                .append(status.watches() * status.watchBytesPerDirectory()).append('\n');
        counter(out, "pirsyncd_watch_events_total", "Raw inotify events read.");
        out.append("pirsyncd_watch_events_total{").append(instance).append("} ").append(status.eventsRead()).append('\n');
        counter(out, "pirsyncd_watch_overflows_total", "Times the kernel's event queue overflowed (each costs a full sync).");
        out.append("pirsyncd_watch_overflows_total{").append(instance).append("} ").append(status.overflows()).append('\n');

        gauge(out, "pirsyncd_target_pending_changes", "Changes waiting for this destination.");
        for (StatusReport.TargetReport target : status.targets()) {
            series(out, "pirsyncd_target_pending_changes", instance, target, "", target.pending());
        }
        gauge(out, "pirsyncd_target_state", "1 for the state the destination is in, 0 for the others.");
        for (StatusReport.TargetReport target : status.targets()) {
            for (String state : STATES) {
                series(out, "pirsyncd_target_state", instance, target, ",state=\"" + state + "\"",
                        state.equals(target.state()) ? 1 : 0);
            }
        }
        gauge(out, "pirsyncd_target_next_run_timestamp_seconds",
                "Unix time the next transfer is due; 0 while idle or syncing.");
        for (StatusReport.TargetReport target : status.targets()) {
            series(out, "pirsyncd_target_next_run_timestamp_seconds", instance, target, "", epochSeconds(target.nextRun()));
        }
        gauge(out, "pirsyncd_target_consecutive_failures", "Transfers that failed since the last success.");
        for (StatusReport.TargetReport target : status.targets()) {
            series(out, "pirsyncd_target_consecutive_failures", instance, target, "", target.consecutiveFailures());
        }
        gauge(out, "pirsyncd_target_last_success_timestamp_seconds",
                "Unix time of the last successful transfer; 0 if none yet.");
        for (StatusReport.TargetReport target : status.targets()) {
            series(out, "pirsyncd_target_last_success_timestamp_seconds", instance, target, "",
                    epochSeconds(target.lastSuccess()));
        }
        counter(out, "pirsyncd_target_transfers_total", "Transfers run.");
        for (StatusReport.TargetReport target : status.targets()) {
            series(out, "pirsyncd_target_transfers_total", instance, target, "", target.transfers());
        }
        counter(out, "pirsyncd_target_failures_total", "Transfers that failed.");
        for (StatusReport.TargetReport target : status.targets()) {
            series(out, "pirsyncd_target_failures_total", instance, target, "", target.failures());
        }
        counter(out, "pirsyncd_target_files_sent_total", "Files sent.");
        for (StatusReport.TargetReport target : status.targets()) {
            series(out, "pirsyncd_target_files_sent_total", instance, target, "", target.filesSent());
        }
        counter(out, "pirsyncd_target_bytes_sent_total", "Bytes sent.");
        for (StatusReport.TargetReport target : status.targets()) {
            series(out, "pirsyncd_target_bytes_sent_total", instance, target, "", target.bytesSent());
        }
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void counter(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
    }

    private static void series(StringBuilder out, String name, String instance, StatusReport.TargetReport target,
            String extraLabels, long value) {
        out.append(name).append('{').append(instance).append(",target=\"").append(escape(target.name()))
                .append("\",destination=\"").append(escape(target.destination()))
                .append('"').append(extraLabels).append("} ").append(value).append('\n');
    }

    private static long epochSeconds(String isoInstant) {
        if (isoInstant == null) {
            return 0;
        }
        try {
            return Instant.parse(isoInstant).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** Label values escape backslash, double quote and newline (exposition format spec). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
