package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.ExcludeRules;
import pirsyncd.model.RelativePath;

/**
 * Running out of watches. The kernel's fs.inotify.max_user_watches is shared by every engineer's
 * tests on this machine, so the limit is exercised through the watcher's own maxWatches cap,
 * which takes the same path as ENOSPC from the kernel.
 */
@Timeout(60)
class WatchLimitIT {
    @TempDir
    Path temp;
    final RecordingSink sink = new RecordingSink();

    private WatchSettings capped(Path root, int maxWatches) {
        return new WatchSettings(root, ExcludeRules.NONE, false, Duration.ofMillis(300), Duration.ofMillis(100), maxWatches);
    }

    @Test
    void aTreeThatDoesNotFitRefusesToStartWithNeededAndAvailable() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("c"));
        IOException e = assertThrows(IOException.class, () -> SourceWatcher.start(capped(root, 2), sink));
        assertTrue(e.getMessage().contains("needs 4 inotify watches"), e.getMessage());
        assertTrue(e.getMessage().contains("allows 2"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void directoriesBeyondTheLimitAreRecordedAndRescannedPeriodically() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        try (SourceWatcher watcher = SourceWatcher.start(capped(root, 2), sink)) {
            Files.createDirectories(root.resolve("fits"));
            sink.await(new Change.Created(RelativePath.of("fits"), EntryKind.DIRECTORY));
            Files.createDirectories(root.resolve("over"));
            sink.await(new Change.Created(RelativePath.of("over"), EntryKind.DIRECTORY));
            WatchStatus status = Watching.awaitStatus(watcher, s -> !s.unwatched().isEmpty());
            assertEquals(List.of(RelativePath.of("over")), status.unwatched());
            assertEquals(2, status.watchedDirectories());
            assertTrue(status.nextUnwatchedRescan().isPresent(), "the status says when the next rescan is");
            assertTrue(status.approximateBytesPerDirectory() > 0);
            // the unwatched part is covered by a rescan every interval, not silently missed
            sink.await(c -> c instanceof Change.Rescan r && r.scope().equals(RelativePath.of("over"))
                    && r.reason().contains("watch limit"), Watching.TIMEOUT);

            // a watch is freed: the next retry watches the part and says so once
            Files.delete(root.resolve("fits"));
            sink.await(c -> c instanceof Change.Rescan r && r.scope().equals(RelativePath.of("over"))
                    && r.reason().contains("watched again"), Watching.TIMEOUT);
            WatchStatus settled = Watching.awaitStatus(watcher, s -> s.unwatched().isEmpty());
            assertTrue(settled.nextUnwatchedRescan().isEmpty(), "nothing left to rescan");
        }
    }
}
