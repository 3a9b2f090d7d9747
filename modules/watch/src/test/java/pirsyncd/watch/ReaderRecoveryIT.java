package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.inotify.Inotify;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

/**
 * The reader thread fails (here: its inotify instance is closed under it, so the binding throws
 * ClosedChannelException, as it would for a failed poll or read): watching must not end. The
 * opener seam records the real instances and can make reopening fail for a while.
 */
@Timeout(60)
class ReaderRecoveryIT {
    @TempDir
    Path temp;
    final RecordingSink sink = new RecordingSink();
    final List<Inotify> opened = new CopyOnWriteArrayList<>();

    /** Opens real instances, except the {@code failures} calls after the first, which fail. */
    private SourceWatcher.InotifyOpener opener(int failures) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            int call = calls.getAndIncrement();
            if (call >= 1 && call <= failures) {
                throw new IOException("inotify_init1: EMFILE (made up by the test)");
            }
            Inotify inotify = Inotify.open();
            opened.add(inotify);
            return inotify;
        };
    }

    private static boolean recovered(Change change) {
        return change instanceof Change.Rescan r && r.scope().isRoot() && r.reason().contains("recovered");
    }

    @Test
    void aFailedReaderReopensInotifyWalksAgainAndAsksForAFullRescan() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src/sub"));
        root = root.getParent();
        try (SourceWatcher watcher = SourceWatcher.start(Watching.settings(root), sink, opener(0))) {
            opened.getFirst().close();
            sink.await(ReaderRecoveryIT::recovered, Watching.TIMEOUT);
            WatchStatus status = Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.WATCHING);
            assertEquals(2, status.watchedDirectories());
            assertTrue(status.problem().isEmpty());
            assertEquals(2, opened.size());
            Files.writeString(root.resolve("sub/after"), "x");
            sink.await(new Change.Created(RelativePath.of("sub/after"), EntryKind.FILE));
        }
    }

    @Test
    void whileInotifyCannotBeReopenedTheStatusSaysSoAndItKeepsTrying() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        try (SourceWatcher watcher = SourceWatcher.start(Watching.settings(root), sink, opener(10))) {
            opened.getFirst().close();
            WatchStatus failing = Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.RECOVERING
                    && s.problem().orElse("").contains("cannot be reopened"));
            assertTrue(failing.problem().orElseThrow().contains("EMFILE"), failing.problem().orElseThrow());
            assertEquals(0, failing.watchedDirectories());
            // retried every rootRetryInterval (100 ms here) until the eleventh attempt succeeds
            sink.await(ReaderRecoveryIT::recovered, Watching.TIMEOUT);
            Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.WATCHING);
            Files.writeString(root.resolve("f"), "x");
            sink.await(new Change.Created(RelativePath.of("f"), EntryKind.FILE));
        }
    }

    @Test
    void closeIsPromptWhileReopeningKeepsFailing() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        SourceWatcher watcher = SourceWatcher.start(Watching.settings(root), sink, opener(Integer.MAX_VALUE));
        opened.getFirst().close();
        Watching.awaitStatus(watcher, s -> s.state() == WatchStatus.RootState.RECOVERING);
        long started = System.nanoTime();
        watcher.close();
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "close took too long");
        Thread reader = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("watch " + root)).findFirst().orElse(null);
        assertTrue(reader == null || !reader.isAlive(), "reader thread still alive");
    }
}
