package pirsyncd.e2e;

import java.nio.file.Path;
import java.time.Duration;

/** Small tmpfs mounts for the "file system full" and "source unmounted" faults (the suite runs as root). */
final class Mounts {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private Mounts() {}

    static void tmpfs(Path at, String size) {
        Exec.run(BOUND, "mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "pirsyncd-e2e", at.toString())
                .requireSuccess();
    }

    static void resize(Path at, String size) {
        Exec.run(BOUND, "mount", "-o", "remount,size=" + size, at.toString()).requireSuccess();
    }

    /** Unmounts if mounted; lazily, so a process still inside cannot keep the test from cleaning up. */
    static void unmountQuietly(Path at) {
        if (Exec.run(BOUND, "mountpoint", "-q", at.toString()).exitCode() == 0) {
            Exec.run(BOUND, "umount", "-l", at.toString());
        }
    }

    static void unmount(Path at) {
        Exec.run(BOUND, "umount", at.toString()).requireSuccess();
    }
}
