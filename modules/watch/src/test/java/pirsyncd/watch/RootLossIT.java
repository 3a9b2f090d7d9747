package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

/** The source root deleted or renamed away: an error state, no crash, and watching resumes when it is back. */
@Timeout(60)
class RootLossIT {
    @TempDir
    Path temp;
    final RecordingSink sink = new RecordingSink();

    @Test
    void aDeletedRootIsAnErrorStateUntilItComesBackWithARescan() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src/sub"));
        root = root.getParent();
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            Files.delete(root.resolve("sub"));
            Files.delete(root);
            WatchStatus missing = Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.ROOT_MISSING);
            assertTrue(missing.problem().orElseThrow().contains("deleted"), missing.problem().orElseThrow());
            assertEquals(0, missing.watchedDirectories());

            Files.createDirectories(root.resolve("again"));
            sink.await(c -> c instanceof Change.Rescan r && r.scope().isRoot(), Watching.TIMEOUT);
            WatchStatus back = Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.WATCHING);
            assertEquals(2, back.watchedDirectories());
            assertTrue(back.problem().isEmpty());
            Files.writeString(root.resolve("again/f"), "x");
            sink.await(new Change.Created(RelativePath.of("again/f"), EntryKind.FILE));
        }
    }

    @Test
    void aRenamedRootIsMissingAndAnotherDirectoryAtThePathIsWatched() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            Files.move(root, temp.resolve("moved-away"));
            WatchStatus missing = Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.ROOT_MISSING);
            assertTrue(missing.problem().orElseThrow().contains("renamed"), missing.problem().orElseThrow());
            // changes in the renamed directory are not the source any more
            Files.writeString(temp.resolve("moved-away/f"), "x");

            Files.createDirectories(root);
            Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.WATCHING);
            sink.await(c -> c instanceof Change.Rescan r && r.scope().isRoot(), Watching.TIMEOUT);
            Files.writeString(root.resolve("g"), "y");
            sink.await(new Change.Created(RelativePath.of("g"), EntryKind.FILE));
            assertTrue(sink.changes().stream().noneMatch(c -> c.path().equals(RelativePath.of("f"))), sink.changes().toString());
        }
    }

    @Test
    void anUnmountedRootIsMissingAndComesBackWhenMountedAgain() throws Exception {
        Path root = Files.createDirectories(temp.resolve("mnt"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", root.toString()), "mounting a tmpfs needs root");
        boolean mounted = true;
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            Files.createDirectories(root.resolve("on-tmpfs"));
            sink.await(new Change.Created(RelativePath.of("on-tmpfs"), EntryKind.DIRECTORY));
            assertTrue(run("umount", root.toString()), "umount failed");
            mounted = false;
            WatchStatus missing = Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.ROOT_MISSING);
            assertTrue(missing.problem().orElseThrow().contains("unmounted"), missing.problem().orElseThrow());
            // the directory under the mount point is there at once: watching resumes on it
            sink.await(c -> c instanceof Change.Rescan r && r.scope().isRoot(), Watching.TIMEOUT);
            Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.WATCHING);
        } finally {
            if (mounted) {
                run("umount", root.toString());
            }
        }
    }

    @Test
    void aRootUnmountedAndMountedAgainIsWatchedOnTheNewFileSystem() throws Exception {
        Path root = Files.createDirectories(temp.resolve("mnt"));
        assumeTrue(mountTmpfs(root), "mounting a tmpfs needs root");
        int mounted = 1;
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            assertTrue(run("umount", root.toString()), "umount failed");
            mounted--;
            // watching resumes on the empty mount point...
            sink.await(c -> c instanceof Change.Rescan r && r.scope().isRoot() && r.reason().contains("back"), Watching.TIMEOUT);
            Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.WATCHING);
            // ...and the file system mounted on it again gives no inotify event at all
            assertTrue(mountTmpfs(root), "mount failed");
            mounted++;
            sink.await(c -> c instanceof Change.Rescan r && r.scope().isRoot() && r.reason().contains("replaced"),
                    Watching.TIMEOUT);
            Files.writeString(root.resolve("on-the-new-tmpfs"), "x");
            sink.await(new Change.Created(RelativePath.of("on-the-new-tmpfs"), EntryKind.FILE));
            assertEquals(WatchStatus.RootState.WATCHING, watcher.status().state());
        } finally {
            for (; mounted > 0; mounted--) {
                run("umount", root.toString());
            }
        }
    }

    @Test
    void aFileSystemMountedOverAWatchedRootIsNoticed() throws Exception {
        Path root = Files.createDirectories(temp.resolve("plain"));
        try (SourceWatcher _ = Watching.start(root, sink)) {
            assumeTrue(mountTmpfs(root), "mounting a tmpfs needs root");
            try {
                sink.await(c -> c instanceof Change.Rescan r && r.scope().isRoot() && r.reason().contains("replaced"),
                        Watching.TIMEOUT);
                Files.createDirectories(root.resolve("dir-on-tmpfs"));
                sink.await(new Change.Created(RelativePath.of("dir-on-tmpfs"), EntryKind.DIRECTORY));
            } finally {
                run("umount", root.toString());
            }
        }
    }

    @Test
    void aRootLinkPointedElsewhereIsFollowedToItsNewTarget() throws Exception {
        Path first = Files.createDirectories(temp.resolve("first"));
        Path second = Files.createDirectories(temp.resolve("second"));
        Path link = Files.createSymbolicLink(temp.resolve("current"), first);
        try (SourceWatcher _ = Watching.start(link, sink)) {
            // swapped atomically, as deployment tools do: a new link renamed over the old one
            Files.createSymbolicLink(temp.resolve("next"), second);
            Files.move(temp.resolve("next"), link, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            sink.await(c -> c instanceof Change.Rescan r && r.scope().isRoot() && r.reason().contains("replaced"),
                    Watching.TIMEOUT);
            Files.writeString(second.resolve("new"), "x");
            sink.await(new Change.Created(RelativePath.of("new"), EntryKind.FILE));
        }
    }

    private static boolean mountTmpfs(Path at) throws Exception {
        return run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", at.toString());
    }

    private static boolean run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
