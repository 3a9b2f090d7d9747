package pirsyncd.rsync;

import java.util.List;

/**
 * The two counters {@code status} shows, read from rsync's {@code --stats} block, e.g.
 * {@code Number of regular files transferred: 1,234} and {@code Total bytes sent: 56,789}.
 *
 * @param filesSent regular files transferred
 * @param bytesSent bytes rsync sent, file list and protocol included
 */
record RsyncStats(long filesSent, long bytesSent) {
    static final RsyncStats NONE = new RsyncStats(0, 0);

    /** Reads the counters out of rsync's stdout; lines it does not know are ignored. */
    static RsyncStats parse(List<String> stdout) {
        long files = 0;
        long bytes = 0;
        for (String line : stdout) {
            if (line.startsWith("Number of regular files transferred:")) {
                files = number(line);
            } else if (line.startsWith("Number of files transferred:")) {
                // rsync before 3.1 counted every entry here; the best there is
                files = number(line);
            } else if (line.startsWith("Total bytes sent:")) {
                bytes = number(line);
            }
        }
        return new RsyncStats(files, bytes);
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
        return new RsyncStats(filesSent + other.filesSent, bytesSent + other.bytesSent);
    }
}
