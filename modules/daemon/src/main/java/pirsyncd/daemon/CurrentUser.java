package pirsyncd.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who this process runs as. Read from the owner of {@code /proc/self} (proc(5): it is the
 * process's effective uid) rather than through native code, so that client commands such as
 * {@code status} stay fast and need no native access.
 */
final class CurrentUser {
    private CurrentUser() {}

    /** The effective uid. */
    static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self: is /proc mounted?", e);
        }
    }
}
