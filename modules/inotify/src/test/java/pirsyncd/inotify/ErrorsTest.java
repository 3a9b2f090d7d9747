package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    private static final byte[] PATH = "/srv/a".getBytes(StandardCharsets.UTF_8);

    @Test
    void watchLimitMessageNamesTheSysctlWithItsCurrentValueAndTheFix() {
        long current = Errors.readSysctl("inotify/max_user_watches");
        NativeException e = assertInstanceOf(NativeException.class,
                Errors.of("inotify_add_watch", Errno.ENOSPC.number(), PATH));
        long suggested = current < 524_288 ? 524_288 : current * 2;
        assertEquals("inotify_add_watch(/srv/a): ENOSPC — inotify watch limit reached (fs.inotify.max_user_watches = "
                + current + "); raise it: sysctl -w fs.inotify.max_user_watches=" + suggested, e.getMessage());
        assertEquals(Errno.ENOSPC, e.errno());
        assertEquals("inotify_add_watch", e.syscall());
        assertEquals("/srv/a", e.path().orElseThrow());
    }

    @Test
    void instanceLimitAndFileLimitHaveTheirOwnSysctls() {
        assertTrue(Errors.of("inotify_init1", Errno.EMFILE.number()).getMessage()
                .contains("sysctl -w fs.inotify.max_user_instances="));
        assertTrue(Errors.of("inotify_init1", Errno.ENFILE.number()).getMessage()
                .contains("sysctl -w fs.file-max="));
    }

    @Test
    void pathErrorsBecomeTheJdkExceptionsWithTheReason() {
        IOException missing = Errors.of("openat", Errno.ENOENT.number(), PATH);
        assertInstanceOf(NoSuchFileException.class, missing);
        assertEquals("/srv/a: openat: no such file or directory", missing.getMessage());
        assertInstanceOf(AccessDeniedException.class, Errors.of("openat", Errno.EACCES.number(), PATH));
        IOException notDir = Errors.of("inotify_add_watch", Errno.ENOTDIR.number(), PATH);
        assertInstanceOf(NotDirectoryException.class, notDir);
        assertEquals("/srv/a: inotify_add_watch: not a directory (symbolic links are not followed)", notDir.getMessage());
    }

    @Test
    void unknownErrnoKeepsItsNumber() {
        NativeException e = assertInstanceOf(NativeException.class, Errors.of("read", 200));
        assertEquals(Errno.UNKNOWN, e.errno());
        assertEquals(200, e.errnoNumber());
        assertEquals("read: errno 200 — unexpected error 200 from read", e.getMessage());
    }

    @Test
    void errnoNumbersMapBothWays() {
        for (Errno errno : Errno.values()) {
            if (errno != Errno.UNKNOWN) {
                assertEquals(errno, Errno.of(errno.number()));
            }
        }
        assertEquals(Errno.UNKNOWN, Errno.of(0));
        assertEquals(Errno.UNKNOWN, Errno.of(-5));
        assertEquals(Errno.UNKNOWN, Errno.of(100_000));
    }

    @Test
    void sysctlValuesAreReadWhole() throws IOException {
        String viaShell = new String(new ProcessBuilder("cat", "/proc/sys/fs/inotify/max_queued_events")
                .start().getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(Long.parseLong(viaShell), Errors.readSysctl("inotify/max_queued_events"));
    }
}
