package pirsyncd.daemon;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link StatusReport} as the table {@code pirsyncd status} prints. */
final class StatusTable {
    private StatusTable() {}

    /** Unwatched directories named in the table; {@code status --json} lists more. */
    private static final int UNWATCHED_SHOWN = 10;

    static String render(StatusReport status) {
        StringBuilder out = new StringBuilder();
        out.append("instance  ").append(status.instance()).append(" (pid ").append(status.pid())
                .append(", pirsyncd ").append(status.version()).append(")\n");
        out.append("uptime    ").append(duration(status.uptime())).append(" (since ")
                .append(status.startedAt()).append(")\n");
        out.append("source    ").append(status.source());
        if (!status.watchState().equals("watching")) {
            out.append(" (").append(status.watchState()).append(')');
        }
        out.append('\n');
        if (status.watchProblem() != null) {
            out.append("problem   ").append(status.watchProblem()).append('\n');
        }
        out.append("watches   ").append(status.watches()).append(" directories (about ")
                .append(heap(status.watches() * status.watchBytesPerDirectory())).append(" of heap, ")
                .append(status.watchBytesPerDirectory()).append(" bytes each); ")
                .append(status.eventsRead()).append(" events read");
        if (status.overflows() > 0) {
            out.append(", ").append(status.overflows()).append(" queue overflow(s)");
        }
        out.append('\n');
        if (status.unwatched() > 0) {
            out.append("unwatched ").append(status.unwatched())
                    .append(" directories, rescanned periodically (watch limit, or path too long to watch): ");
            List<String> shown = status.unwatchedPaths().stream().limit(UNWATCHED_SHOWN).toList();
            out.append(String.join(", ", shown));
            if (status.unwatched() > shown.size()) {
                out.append(", and ").append(status.unwatched() - shown.size()).append(" more");
            }
            out.append('\n');
        }
        out.append("pending   ").append(status.pending()).append(" changes\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TARGET", "DESTINATION", "STATE", "PENDING", "NEXT RUN", "LAST SUCCESS", "RUNS", "FAILED",
            "FILES", "BYTES", "LAST ERROR"});
        for (StatusReport.TargetReport target : status.targets()) {
            rows.add(new String[] {
                target.name(),
                target.destination(),
                target.state(),
                target.pending() + (target.fullSyncPending() ? " (full sync)" : ""),
                target.nextRun() == null ? "-" : target.nextRun(),
                target.lastSuccess() == null ? "never" : target.lastSuccess(),
                Long.toString(target.transfers()),
                target.failures() + (target.consecutiveFailures() > 0 ? " (" + target.consecutiveFailures() + " in a row)" : ""),
                Long.toString(target.filesSent()),
                Long.toString(target.bytesSent()),
                target.lastError() == null ? "-" : target.lastError(),
            });
        }
        appendAligned(out, rows);
        return out.toString();
    }

    /** e.g. "850 B", "2.1 KiB", "20.5 MiB". */
    static String heap(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int columns = rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** e.g. "3d 4h 05m 06s"; the largest units only as far as needed. */
    static String duration(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds / 3_600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return "%dd %dh %02dm %02ds".formatted(days, hours, minutes, secs);
        }
        if (hours > 0) {
            return "%dh %02dm %02ds".formatted(hours, minutes, secs);
        }
        if (minutes > 0) {
            return "%dm %02ds".formatted(minutes, secs);
        }
        return secs + "s";
    }
}
