package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
