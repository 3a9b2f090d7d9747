package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static pirsyncd.inotify.InotifyMask.IN_ACCESS;
import static pirsyncd.inotify.InotifyMask.IN_ALL_EVENTS;
import static pirsyncd.inotify.InotifyMask.IN_ATTRIB;
import static pirsyncd.inotify.InotifyMask.IN_CLOSE_NOWRITE;
import static pirsyncd.inotify.InotifyMask.IN_CLOSE_WRITE;
import static pirsyncd.inotify.InotifyMask.IN_CREATE;
import static pirsyncd.inotify.InotifyMask.IN_DELETE;
import static pirsyncd.inotify.InotifyMask.IN_DELETE_SELF;
import static pirsyncd.inotify.InotifyMask.IN_IGNORED;
import static pirsyncd.inotify.InotifyMask.IN_ISDIR;
import static pirsyncd.inotify.InotifyMask.IN_MODIFY;
import static pirsyncd.inotify.InotifyMask.IN_MOVED_FROM;
import static pirsyncd.inotify.InotifyMask.IN_MOVED_TO;
import static pirsyncd.inotify.InotifyMask.IN_MOVE_SELF;
import static pirsyncd.inotify.InotifyMask.IN_OPEN;
import static pirsyncd.inotify.InotifyMask.IN_Q_OVERFLOW;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class InotifyIT {
    @TempDir
    Path dir;

    private static Predicate<InotifyEvent> event(int wd, int mask, byte[] name) {
        return e -> e.wd() == wd && e.mask() == mask && Arrays.equals(e.name(), name);
    }

    @Test
    void everyFileEventKindIsReadBackWithItsRawName() throws IOException {
        byte[] name = {'f', (byte) 0xff, '\n', (byte) 0xc3};
        Path plain = dir.resolve("plain");
        try (Inotify inotify = Inotify.open()) {
            int wd = inotify.addWatch(Bytes.of(dir), IN_ALL_EVENTS);
            EventCollector events = new EventCollector(inotify);

            Files.writeString(plain, "data");
            events.awaitEvent(event(wd, IN_CREATE, Bytes.utf8("plain")));
            events.awaitEvent(event(wd, IN_OPEN, Bytes.utf8("plain")));
            events.awaitEvent(event(wd, IN_MODIFY, Bytes.utf8("plain")));
            events.awaitEvent(event(wd, IN_CLOSE_WRITE, Bytes.utf8("plain")));

            Posix.rename(Bytes.of(plain), Bytes.child(dir, name));
            InotifyEvent from = events.awaitEvent(event(wd, IN_MOVED_FROM, Bytes.utf8("plain")));
            InotifyEvent to = events.awaitEvent(e -> e.is(IN_MOVED_TO) && Arrays.equals(e.name(), name));
            assertNotEquals(0, from.cookie(), "a move carries a cookie");
            assertEquals(from.cookie(), to.cookie(), "both halves of a move share the cookie");

            Posix.rename(Bytes.child(dir, name), Bytes.of(plain));
            Files.readAllBytes(plain);
            events.awaitEvent(event(wd, IN_ACCESS, Bytes.utf8("plain")));
            events.awaitEvent(event(wd, IN_CLOSE_NOWRITE, Bytes.utf8("plain")));

            Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));
            events.awaitEvent(event(wd, IN_ATTRIB, Bytes.utf8("plain")));

            Files.createDirectory(dir.resolve("sub"));
            events.awaitEvent(event(wd, IN_CREATE | IN_ISDIR, Bytes.utf8("sub")));

            Files.delete(plain);
            events.awaitEvent(event(wd, IN_DELETE, Bytes.utf8("plain")));
        }
    }

    @Test
    void removedDirectoryReportsDeleteSelfThenIgnored() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("gone"));
        try (Inotify inotify = Inotify.open()) {
            int parentWd = inotify.addWatch(Bytes.of(dir), InotifyMask.DEFAULT_WATCH_MASK);
            int subWd = inotify.addWatch(Bytes.of(sub), InotifyMask.DEFAULT_WATCH_MASK);
            Files.delete(sub);
            EventCollector events = new EventCollector(inotify);
            events.awaitEvent(event(subWd, IN_DELETE_SELF, new byte[0]));
            events.awaitEvent(event(subWd, IN_IGNORED, new byte[0]));
            events.awaitEvent(event(parentWd, IN_DELETE | IN_ISDIR, Bytes.utf8("gone")));
            assertFalse(inotify.removeWatch(subWd), "the kernel already removed the watch: EINVAL is not an error");
        }
    }

    @Test
    void removingAWatchQueuesIgnored() throws IOException {
        try (Inotify inotify = Inotify.open()) {
            int wd = inotify.addWatch(Bytes.of(dir), InotifyMask.DEFAULT_WATCH_MASK);
            assertTrue(inotify.removeWatch(wd));
            new EventCollector(inotify).awaitEvent(event(wd, IN_IGNORED, new byte[0]));
        }
    }

    @Test
    void movedWatchedDirectoryReportsMoveSelf() throws IOException {
        Path before = Files.createDirectory(dir.resolve("before"));
        try (Inotify inotify = Inotify.open()) {
            int wd = inotify.addWatch(Bytes.of(before), InotifyMask.DEFAULT_WATCH_MASK);
            Files.move(before, dir.resolve("after"));
            new EventCollector(inotify).awaitEvent(event(wd, IN_MOVE_SELF, new byte[0]));
        }
    }

    /** Needs root and a kernel that lets it mount tmpfs; skipped with the reason otherwise. */
    @Test
    void unmountReportsUnmountThenIgnored() throws Exception {
        Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
        boolean mounted = Posix.getuid() == 0 && new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m",
                "pirsyncd-test", mountPoint.toString()).inheritIO().start().waitFor() == 0;
        assumeTrue(mounted, "mounting a tmpfs needs root (and mount permission); IN_UNMOUNT not provoked");
        try (Inotify inotify = Inotify.open()) {
            int wd = inotify.addWatch(Bytes.of(mountPoint), InotifyMask.DEFAULT_WATCH_MASK);
            assertEquals(0, new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor());
            mounted = false;
            EventCollector events = new EventCollector(inotify);
            // the kernel reports it as IN_UNMOUNT|IN_ISDIR for a watched directory
            events.awaitEvent(event(wd, InotifyMask.IN_UNMOUNT | IN_ISDIR, new byte[0]));
            events.awaitEvent(event(wd, IN_IGNORED, new byte[0]));
        } finally {
            if (mounted) {
                new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start().waitFor();
            }
        }
    }

    @Test
    void queueOverflowIsReportedWhenNobodyReads() throws IOException {
        // The queue limit is fixed when the instance is created: as root, lower it for the moment
        // of inotify_init1 only (restored at once), so a few hundred files overflow it; otherwise
        // make more changes than the system-wide limit.
        Inotify inotify;
        Optional<Sysctl> lowered = Sysctl.lower("inotify/max_queued_events", 256);
        try {
            inotify = Inotify.open();
        } finally {
            if (lowered.isPresent()) {
                lowered.get().close();
            }
        }
        long limit = lowered.isPresent() ? 256 : Errors.readSysctl("inotify/max_queued_events");
        assertTrue(limit > 0, "fs.inotify.max_queued_events is readable");
        try (inotify) {
            inotify.addWatch(Bytes.of(dir), IN_CREATE | IN_CLOSE_WRITE);
            // each new file queues IN_CREATE and IN_CLOSE_WRITE with distinct names (never merged)
            for (long i = 0; i < limit / 2 + 64; i++) {
                Files.createFile(dir.resolve("f" + i));
            }
            EventCollector events = new EventCollector(inotify);
            InotifyEvent overflow = events.awaitEvent(e -> e.is(IN_Q_OVERFLOW));
            assertEquals(-1, overflow.wd());
            assertEquals(limit + 1, events.events().size(), "the queue held exactly its limit, then the overflow marker");
            assertEquals(overflow, events.events().getLast());
        }
    }

    @Test
    void watchLimitIsReportedWithTheSysctlToRaise() throws IOException {
        try (Inotify inotify = Inotify.open()) {
            NativeException e;
            // Lowered to 0 for the single call only, so other inotify users on this machine are
            // affected for as short a time as possible.
            Optional<Sysctl> lowered = Sysctl.lower("inotify/max_user_watches", 0);
            assumeTrue(lowered.isPresent(), "lowering fs.inotify.max_user_watches needs root; ENOSPC not provoked");
            try {
                e = assertThrows(NativeException.class,
                        () -> inotify.addWatch(Bytes.of(dir), InotifyMask.DEFAULT_WATCH_MASK));
            } finally {
                lowered.get().close();
            }
            assertEquals(Errno.ENOSPC, e.errno());
            assertEquals("inotify_add_watch(" + dir + "): ENOSPC — inotify watch limit reached "
                    + "(fs.inotify.max_user_watches = 0); raise it: sysctl -w fs.inotify.max_user_watches=524288",
                    e.getMessage());
            assertTrue(inotify.addWatch(Bytes.of(dir), InotifyMask.DEFAULT_WATCH_MASK) >= 0, "works again once restored");
        }
    }

    @Test
    void timeoutWithoutEventsReturnsZero() throws IOException {
        try (Inotify inotify = Inotify.open()) {
            inotify.addWatch(Bytes.of(dir), InotifyMask.DEFAULT_WATCH_MASK);
            long start = System.nanoTime();
            assertEquals(0, inotify.awaitEvents(e -> { }, 50));
            assertTrue(System.nanoTime() - start >= 50_000_000L, "waited for the timeout");
            assertEquals(0, inotify.awaitEvents(e -> { }, 0));
        }
    }

    @Test
    void wakeupBeforeWaitingMakesTheNextWaitReturnAtOnceAndCoalesces() throws IOException {
        try (Inotify inotify = Inotify.open()) {
            inotify.wakeup();
            inotify.wakeup();
            inotify.wakeup();
            assertEquals(-1, inotify.awaitEvents(e -> { }, -1));
            assertEquals(0, inotify.awaitEvents(e -> { }, 0), "three wake-ups coalesced into one");
        }
    }

    @Test
    void wakeupWinsOverPendingEventsWhichStayQueued() throws IOException {
        try (Inotify inotify = Inotify.open()) {
            int wd = inotify.addWatch(Bytes.of(dir), IN_CREATE);
            Files.createFile(dir.resolve("queued"));
            inotify.wakeup();
            assertEquals(-1, inotify.awaitEvents(e -> { }, 10_000));
            new EventCollector(inotify).awaitEvent(event(wd, IN_CREATE, Bytes.utf8("queued")));
        }
    }

    @Test
    void missingPathIsNoSuchFile() throws IOException {
        try (Inotify inotify = Inotify.open()) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class,
                    () -> inotify.addWatch(Bytes.of(dir.resolve("absent")), InotifyMask.DEFAULT_WATCH_MASK));
            assertTrue(e.getMessage().contains("absent: inotify_add_watch: no such file"), e.getMessage());
        }
    }

    @Test
    void fileWithOnlyDirIsNotADirectory() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        try (Inotify inotify = Inotify.open()) {
            assertThrows(NotDirectoryException.class,
                    () -> inotify.addWatch(Bytes.of(file), InotifyMask.DEFAULT_WATCH_MASK));
        }
    }

    @Test
    void usingAClosedInstanceFailsClearly() throws IOException {
        Inotify inotify = Inotify.open();
        inotify.close();
        assertFalse(inotify.isOpen());
        assertThrows(ClosedChannelException.class, () -> inotify.addWatch(Bytes.of(dir), IN_CREATE));
        assertThrows(ClosedChannelException.class, () -> inotify.awaitEvents(e -> { }, 0));
        inotify.wakeup(); // harmless after close
    }

    @Test
    void pathWithNulIsRejected() throws IOException {
        try (Inotify inotify = Inotify.open()) {
            assertThrows(IllegalArgumentException.class, () -> inotify.addWatch(new byte[] {'/', 0, 'x'}, IN_CREATE));
        }
    }

    @Test
    void handlerSeesEventsInKernelOrder() throws IOException {
        try (Inotify inotify = Inotify.open()) {
            int wd = inotify.addWatch(Bytes.of(dir), IN_CREATE);
            for (int i = 0; i < 500; i++) {
                Files.createFile(dir.resolve("n" + i));
            }
            List<InotifyEvent> events = new EventCollector(inotify).until(list -> list.size() >= 500, 20);
            for (int i = 0; i < 500; i++) {
                assertEquals(wd, events.get(i).wd());
                assertArrayEquals(Bytes.utf8("n" + i), events.get(i).name());
            }
        }
    }
}
