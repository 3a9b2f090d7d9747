package pirsyncd.inotify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Temporarily changes a /proc/sys/fs value (root only) and restores it on close. */
final class Sysctl implements AutoCloseable {
    private final Path file;
    private final long original;

    private Sysctl(Path file, long original) {
        this.file = file;
        this.original = original;
    }

    /**
     * Sets fs.{path} to {@code value}, or returns empty with nothing changed when this process is
     * not root or the file is not writable.
     */
    static Optional<Sysctl> lower(String path, long value) throws IOException {
        Path file = Path.of("/proc/sys/fs").resolve(path);
        long original = Errors.readSysctl(path);
        if (Posix.getuid() != 0 || original < 0 || !Files.isWritable(file)) {
            return Optional.empty();
        }
        Sysctl change = new Sysctl(file, original);
        write(file, value);
        return Optional.of(change);
    }

    private static void write(Path file, long value) throws IOException {
        Files.write(file, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        write(file, original);
    }
}
