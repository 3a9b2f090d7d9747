package pirsyncd.rsync;

import java.util.List;

/**
 * The counters read from rsync's {@code --stats} block, e.g. {@code Number of regular files
 * transferred: 1,234}, {@code Total bytes sent: 56,789} (both shown by {@code status}) and
 * {@code Number of deleted files: 3 (reg: 3)} (rsync 3.1 and later; what the next run of the same
 * batch has left of {@code maxDelete}).
 *
 * @param filesSent regular files transferred
 * @param bytesSent bytes rsync sent, file list and protocol included
 * @param deletions entries deleted at the destination (0 when rsync does not say)
 */
record RsyncStats(long filesSent, long bytesSent, long deletions) {
    static final RsyncStats NONE = new RsyncStats(0, 0, 0);

    /** Reads the counters out of rsync's stdout; lines it does not know are ignored. */
    static RsyncStats parse(List<String> stdout) {
        long files = 0;
        long bytes = 0;
        long deletions = 0;
        for (String line : stdout) {
            if (line.startsWith("Number of regular files transferred:")) {
                files = number(line);
            } else if (line.startsWith("Number of files transferred:")) {
                // rsync before 3.1 counted every entry here; the best there is
                files = number(line);
            } else if (line.startsWith("Total bytes sent:")) {
                bytes = number(line);
            } else if (line.startsWith("Number of deleted files:")) {
                deletions = number(line);
            }
        }
        return new RsyncStats(files, bytes, deletions);
    }

    /** The digits after the colon; rsync groups thousands with ',' (LC_ALL=C) or '.'. */
    private static long number(String line) {
        long value = 0;
        for (int i = line.indexOf(':') + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
            } else if (c != ',' && c != '.' && c != ' ') {
                break;
            }
        }
        return value;
    }

    RsyncStats plus(RsyncStats other) {
        return new RsyncStats(filesSent + other.filesSent, bytesSent + other.bytesSent, deletions + other.deletions);
    }
}
