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

    private static boolean run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
