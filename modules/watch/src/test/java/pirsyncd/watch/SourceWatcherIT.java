package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.inotify.Posix;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

/** The watcher on the real kernel, in real temporary directories. */
@Timeout(60)
class SourceWatcherIT {
    @TempDir
    Path temp;
    Path root;
    Path outside;
    final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void createTree() throws IOException {
        root = Files.createDirectories(temp.resolve("src"));
        outside = Files.createDirectories(temp.resolve("outside"));
    }

    private static RelativePath rel(String path) {
        return RelativePath.of(path);
    }

    /** Creates a sentinel file and waits for it: every event queued before it has been handled. */
    private void sync() throws Exception {
        Path sentinel = Files.createTempFile(root, "sentinel", "");
        sink.await(new Change.Created(rel(sentinel.getFileName().toString()), EntryKind.FILE));
        Files.delete(sentinel);
        sink.await(new Change.Deleted(rel(sentinel.getFileName().toString()), EntryKind.FILE));
    }

    @Test
    void everyDirectoryIsWatchedWhenStartReturns() throws Exception {
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("d"));
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            assertEquals(5, watcher.status().watchedDirectories());
            assertEquals(WatchStatus.RootState.WATCHING, watcher.status().state());
            Files.writeString(root.resolve("a/b/c/f"), "x");
            sink.await(new Change.Created(rel("a/b/c/f"), EntryKind.FILE));
            sink.await(new Change.Modified(rel("a/b/c/f"), EntryKind.FILE));
        }
    }

    @Test
    void mkdirDashPThenWriteIsSeenAndTheNewTreeIsWatched() throws Exception {
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            Files.createDirectories(root.resolve("a/b/c"));
            Files.writeString(root.resolve("a/b/c/f"), "x");
            sink.await(new Change.Created(rel("a"), EntryKind.DIRECTORY));
            sink.awaitCovered(List.of(rel("a/b/c/f")));
            Watching.awaitStatus(watcher, s -> s.watchedDirectories() == 4);
            Files.writeString(root.resolve("a/b/c/g"), "later");
            sink.await(new Change.Created(rel("a/b/c/g"), EntryKind.FILE));
        }
    }

    @Test
    void aThousandFilesWrittenRightAfterMkdirAreAllCovered() throws Exception {
        try (SourceWatcher _ = Watching.start(root, sink)) {
            Path dir = Files.createDirectory(root.resolve("burst"));
            List<RelativePath> written = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Files.writeString(dir.resolve("f" + i), "content " + i);
                written.add(rel("burst/f" + i));
            }
            sink.awaitCovered(written);
            sync();
            long createdInside = sink.changes().stream()
                    .filter(c -> c instanceof Change.Created && c.path().isWithin(rel("burst")) && !c.path().equals(rel("burst")))
                    .count();
            long createdTwice = sink.changes().stream().filter(c -> c instanceof Change.Created)
                    .map(Change::path).distinct().count();
            assertEquals(sink.changes().stream().filter(c -> c instanceof Change.Created).count(), createdTwice,
                    "no path is reported Created twice");
            assertTrue(createdInside <= 1000, "at most one Created per file: " + createdInside);
        }
    }

    @Test
    void modifyAndAttributeChangesAreReported() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "one");
        try (SourceWatcher _ = Watching.start(root, sink)) {
            Files.writeString(file, "two");
            sink.await(new Change.Modified(rel("f"), EntryKind.FILE));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            sink.await(new Change.AttributesChanged(rel("f"), EntryKind.FILE));
        }
    }

    @Test
    void renameInsideTheTreeIsOneMove() throws Exception {
        Files.writeString(root.resolve("old.txt"), "x");
        try (SourceWatcher _ = Watching.start(root, sink)) {
            Files.move(root.resolve("old.txt"), root.resolve("new.txt"));
            sink.await(new Change.Moved(rel("old.txt"), rel("new.txt"), EntryKind.FILE));
            sync();
            assertFalse(sink.changes().stream().anyMatch(c -> c instanceof Change.Deleted d && d.path().equals(rel("old.txt"))));
        }
    }

    @Test
    void aRenamedDirectoryTakesItsWatchedSubtreeAlong() throws Exception {
        Files.createDirectories(root.resolve("dir/sub/deeper"));
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            Files.createDirectories(root.resolve("elsewhere"));
            sink.await(new Change.Created(rel("elsewhere"), EntryKind.DIRECTORY));
            Files.move(root.resolve("dir"), root.resolve("elsewhere/renamed"));
            sink.await(new Change.Moved(rel("dir"), rel("elsewhere/renamed"), EntryKind.DIRECTORY));
            assertEquals(5, Watching.awaitStatus(watcher, s -> s.eventsRead() > 0).watchedDirectories());
            Files.writeString(root.resolve("elsewhere/renamed/sub/deeper/f"), "x");
            sink.await(new Change.Created(rel("elsewhere/renamed/sub/deeper/f"), EntryKind.FILE));
        }
    }

    @Test
    void moveOutOfTheTreeBecomesDeleteAndDropsTheWatches() throws Exception {
        Files.createDirectories(root.resolve("leaving/sub"));
        Files.writeString(root.resolve("file"), "x");
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            assertEquals(3, watcher.status().watchedDirectories());
            Files.move(root.resolve("leaving"), outside.resolve("left"));
            Files.move(root.resolve("file"), outside.resolve("file"));
            sink.await(new Change.Deleted(rel("leaving"), EntryKind.DIRECTORY));
            sink.await(new Change.Deleted(rel("file"), EntryKind.FILE));
            Watching.awaitStatus(watcher, s -> s.watchedDirectories() == 1);
            Files.writeString(outside.resolve("left/sub/f"), "not ours");
            sync();
            assertFalse(sink.changes().stream().anyMatch(c -> c.path().toString().endsWith("/f")), sink.changes().toString());
        }
    }

    @Test
    void moveInFromOutsideIsCreatedAndWatched() throws Exception {
        Files.createDirectories(outside.resolve("arriving/sub"));
        Files.writeString(outside.resolve("arriving/sub/f"), "x");
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            Files.move(outside.resolve("arriving"), root.resolve("arrived"));
            sink.await(new Change.Created(rel("arrived"), EntryKind.DIRECTORY));
            Watching.awaitStatus(watcher, s -> s.watchedDirectories() == 3);
            Files.writeString(root.resolve("arrived/sub/g"), "y");
            sink.await(new Change.Created(rel("arrived/sub/g"), EntryKind.FILE));
        }
    }

    @Test
    void deletingADirectoryDropsItsWatches() throws Exception {
        Files.createDirectories(root.resolve("gone/sub"));
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            Files.delete(root.resolve("gone/sub"));
            Files.delete(root.resolve("gone"));
            sink.await(new Change.Deleted(rel("gone"), EntryKind.DIRECTORY));
            Watching.awaitStatus(watcher, s -> s.watchedDirectories() == 1);
        }
    }

    @Test
    void excludedEntriesAreNeitherWatchedNorReported() throws Exception {
        Files.createDirectories(root.resolve("cache/inner"));
        Files.createDirectories(root.resolve("web/node_modules/pkg"));
        try (SourceWatcher watcher = Watching.start(root, sink, "/cache/", "*.tmp", "**/node_modules/")) {
            assertEquals(2, watcher.status().watchedDirectories(), "only the root and web");
            Files.writeString(root.resolve("cache/inner/x"), "x");
            Files.writeString(root.resolve("scratch.tmp"), "x");
            Files.createDirectories(root.resolve("web/more/node_modules/p"));
            sync();
            sink.await(new Change.Created(rel("web/more"), EntryKind.DIRECTORY));
            assertFalse(sink.changes().stream().anyMatch(c -> c.path().toString().contains("cache")
                    || c.path().toString().endsWith(".tmp")), sink.changes().toString());
            Watching.awaitStatus(watcher, s -> s.watchedDirectories() == 3);
        }
    }

    @Test
    void renamesAcrossTheExcludeBoundaryAreCreatesAndDeletes() throws Exception {
        Files.createDirectories(root.resolve("work.tmp/sub"));
        Files.createDirectories(root.resolve("kept/sub"));
        try (SourceWatcher watcher = Watching.start(root, sink, "*.tmp")) {
            assertEquals(3, watcher.status().watchedDirectories());
            Files.move(root.resolve("work.tmp"), root.resolve("work"));
            sink.await(new Change.Created(rel("work"), EntryKind.DIRECTORY));
            Files.move(root.resolve("kept"), root.resolve("kept.tmp"));
            sink.await(new Change.Deleted(rel("kept"), EntryKind.DIRECTORY));
            Watching.awaitStatus(watcher, s -> s.watchedDirectories() == 3);
            Files.writeString(root.resolve("work/sub/f"), "x");
            sink.await(new Change.Created(rel("work/sub/f"), EntryKind.FILE));
            Files.writeString(root.resolve("kept.tmp/sub/g"), "x");
            sync();
            assertFalse(sink.changes().stream().anyMatch(c -> c.path().toString().contains(".tmp")), sink.changes().toString());
        }
    }

    @Test
    void symbolicLinksAreNeverFollowed() throws Exception {
        Files.createDirectories(outside.resolve("target/sub"));
        Files.createSymbolicLink(root.resolve("link"), outside.resolve("target"));
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            assertEquals(1, watcher.status().watchedDirectories());
            Files.createSymbolicLink(root.resolve("link2"), outside.resolve("target"));
            sink.await(new Change.Created(rel("link2"), EntryKind.FILE));
            Files.writeString(outside.resolve("target/sub/f"), "x");
            sync();
            assertEquals(1, watcher.status().watchedDirectories());
            assertFalse(sink.changes().stream().anyMatch(c -> c.path().toString().startsWith("link/")));
        }
    }

    @Test
    void namesThatAreNotUtf8StayRawBytes() throws Exception {
        Files.writeString(root.resolve("plain"), "x");
        byte[] rootBytes = root.toString().getBytes(StandardCharsets.UTF_8);
        byte[] odd = {'o', 'd', 'd', (byte) 0xff, (byte) 0xfe};
        try (SourceWatcher _ = Watching.start(root, sink)) {
            Posix.rename(join(rootBytes, "plain".getBytes(StandardCharsets.UTF_8)), join(rootBytes, odd));
            Change.Moved moved = (Change.Moved) sink.await(c -> c instanceof Change.Moved, Watching.TIMEOUT);
            assertEquals(RelativePath.of(odd), moved.to());
            assertEquals("odd\\xff\\xfe", moved.to().toString());
        }
    }

    private static byte[] join(byte[] dir, byte[] name) {
        byte[] out = new byte[dir.length + 1 + name.length];
        System.arraycopy(dir, 0, out, 0, dir.length);
        out[dir.length] = '/';
        System.arraycopy(name, 0, out, dir.length + 1, name.length);
        return out;
    }

    @Test
    void aMissingRootRefusesToStartInOneLine() {
        IOException e = assertThrows(IOException.class, () -> Watching.start(temp.resolve("nope"), sink));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void closeStopsTheReaderPromptly() throws Exception {
        SourceWatcher watcher = Watching.start(root, sink);
        long started = System.nanoTime();
        watcher.close();
        watcher.close();
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "close took too long");
        Thread reader = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("watch " + root)).findFirst().orElse(null);
        assertTrue(reader == null || !reader.isAlive(), "reader thread still alive");
    }

    @Test
    void aDirectoryWhosePathIsTooLongToWatchIsLeftToTheRescansAndTheRestIsWatched() throws Exception {
        // inotify_add_watch takes a whole path of at most 4095 bytes, but a tree can be deeper:
        // python's mkdir(dir_fd=...) builds it level by level without ever naming the whole path
        String name = "n".repeat(200);
        int levels = 4200 / (name.length() + 1) + 1;
        Process mkdir = new ProcessBuilder("/usr/bin/python3", "-c", """
                import os, sys
                fd = os.open(sys.argv[1], os.O_RDONLY)
                for _ in range(int(sys.argv[3])):
                    os.mkdir(sys.argv[2], dir_fd=fd)
                    fd = os.open(sys.argv[2], os.O_RDONLY, dir_fd=fd)
                """, root.toString(), name, Integer.toString(levels)).inheritIO().start();
        assertEquals(0, mkdir.waitFor());
        int rootLength = root.toString().getBytes(StandardCharsets.UTF_8).length;
        int watchable = 0;
        while (rootLength + (watchable + 1) * (name.length() + 1) < 4096) {
            watchable++;
        }
        String firstTooLong = String.join("/", java.util.Collections.nCopies(watchable + 1, name));

        try (SourceWatcher watcher = Watching.start(root, sink)) {
            WatchStatus status = watcher.status();
            assertEquals(WatchStatus.RootState.WATCHING, status.state());
            assertEquals(1 + watchable, status.watchedDirectories());
            assertEquals(List.of(rel(firstTooLong)), status.unwatched());
            String deepestWatched = String.join("/", java.util.Collections.nCopies(watchable, name));
            Files.writeString(root.resolve(deepestWatched).resolve("f"), "x");
            sink.await(new Change.Created(rel(deepestWatched + "/f"), EntryKind.FILE));
        } finally {
            // @TempDir deletes by whole paths too, which the kernel refuses this deep; rmtree uses dir fds
            Process rmtree = new ProcessBuilder("/usr/bin/python3", "-c",
                    "import shutil, sys; shutil.rmtree(sys.argv[1])", root.resolve(name).toString())
                    .inheritIO().start();
            assertEquals(0, rmtree.waitFor());
        }
    }
}
