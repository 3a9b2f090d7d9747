package pirsyncd.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import pirsyncd.model.ExcludeRules;

/** Shared test helpers: settings, bounded waits on the watcher's status. */
final class Watching {
    /** Generous: the machine is shared by several builds. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Watching() {}

    static WatchSettings settings(Path root, String... excludes) {
        return new WatchSettings(root, ExcludeRules.of(excludes), true, Duration.ofMillis(200), Duration.ofMillis(100), 0);
    }

    static SourceWatcher start(Path root, RecordingSink sink, String... excludes) throws IOException {
        return SourceWatcher.start(settings(root, excludes), sink);
    }

    /** Waits until the watcher's status satisfies {@code wanted}. */
    static WatchStatus awaitStatus(SourceWatcher watcher, Predicate<WatchStatus> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            WatchStatus status = watcher.status();
            if (wanted.test(status)) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("status not reached within " + TIMEOUT + "; last: " + status);
            }
            // polling a published snapshot: no event to wait on, so a short bounded poll
            Thread.sleep(10);
        }
    }
}
