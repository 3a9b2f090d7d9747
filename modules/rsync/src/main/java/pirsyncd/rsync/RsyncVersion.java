package pirsyncd.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local rsync's version, read once per target from {@code rsync --version}; it decides which
 * options exist (the original's "rsync version" switch, made automatic).
 *
 * @param major e.g. 3
 * @param minor e.g. 2
 * @param patch e.g. 7
 * @param protocol the protocol version rsync announces, e.g. 31
 */
public record RsyncVersion(int major, int minor, int patch, int protocol) implements Comparable<RsyncVersion> {
    private static final Pattern VERSION_LINE =
            Pattern.compile("rsync\\s+version\\s+v?(\\d+)\\.(\\d+)\\.(\\d+)\\S*\\s+protocol version (\\d+)");

    /**
     * Runs {@code rsyncPath --version} and reads its first line.
     *
     * @throws IOException with a one-line message if the program cannot be run or is not rsync
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static RsyncVersion detect(String rsyncPath) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(rsyncPath, "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("rsyncPath: cannot run '" + rsyncPath + "' (" + e.getMessage()
                    + "); install rsync or set rsyncPath to its full path", e);
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("rsyncPath: '" + rsyncPath + " --version' did not finish in 30 s");
            }
        } finally {
            process.destroyForcibly();
        }
        return parse(output).orElseThrow(() -> new IOException("rsyncPath: '" + rsyncPath
                + " --version' does not look like rsync (first line: "
                + output.lines().findFirst().orElse("") + "); set rsyncPath to an rsync binary"));
    }

    /** Reads the version out of {@code rsync --version} output. */
    static java.util.Optional<RsyncVersion> parse(String versionOutput) {
        Matcher m = VERSION_LINE.matcher(versionOutput);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new RsyncVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
    }

    /** True if this version is at least {@code major.minor}. */
    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    /** {@code --delete-missing-args} arrived in rsync 3.1.0 (NEWS for 3.1.0). */
    public boolean hasDeleteMissingArgs() {
        return atLeast(3, 1);
    }

    @Override
    public int compareTo(RsyncVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + " (protocol " + protocol + ")";
    }
}
