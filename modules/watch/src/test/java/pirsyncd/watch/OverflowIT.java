package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.model.Change;
import pirsyncd.model.ChangeSink;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

/** IN_Q_OVERFLOW from the real kernel: more events than fs.inotify.max_queued_events while the reader is held. */
@Timeout(120)
class OverflowIT {
    @TempDir
    Path temp;

    @Test
    void aQueueOverflowAsksForAFullRescanAndWatchingGoesOn() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        Files.createDirectories(root.resolve("existing"));
        long queueLimit = Long.parseLong(
                Files.readAllLines(Path.of("/proc/sys/fs/inotify/max_queued_events")).getFirst().strip());
        RecordingSink recorded = new RecordingSink();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the sink runs on the reader thread: holding it keeps the kernel queue from being read
        ChangeSink holding = changes -> {
            recorded.accept(changes);
            if (changes.stream().anyMatch(c -> c.path().equals(RelativePath.of("hold")))) {
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (SourceWatcher watcher = SourceWatcher.start(Watching.settings(root), holding)) {
            Files.createFile(root.resolve("hold"));
            assertTrue(held.await(20, TimeUnit.SECONDS), "the reader never delivered the first change");
            // each created file queues IN_CREATE and IN_CLOSE_WRITE: 0.6 files per queue slot overflows it
            for (long i = 0; i < queueLimit * 6 / 10; i++) {
                Files.createFile(root.resolve("f" + i));
            }
            release.countDown();
            recorded.await(c -> c instanceof Change.Rescan r && r.scope().isRoot() && r.reason().contains("overflow"),
                    Watching.TIMEOUT);
            Watching.awaitStatus(watcher, s -> s.overflows() >= 1 && s.watchedDirectories() == 2);
            Files.writeString(root.resolve("existing/after"), "x");
            recorded.await(new Change.Created(RelativePath.of("existing/after"), EntryKind.FILE));
        } finally {
            release.countDown();
        }
    }
}
