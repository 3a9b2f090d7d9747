package pirsyncd.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import pirsyncd.inotify.Inotify;
import pirsyncd.model.Change;
import pirsyncd.model.ExcludeRules;

/**
 * Run by {@link KernelLimitIT} in a child JVM inside a user namespace whose inotify watch limit is
 * lower than the tree: starts a watcher on {@code args[0]} with the namespace's limit set to
 * {@code args[1]} and prints what happened, one fact per line, for the test to check. With
 * {@code args[2]} "missed" the budget check is made to miss the limit, so that the kernel's
 * ENOSPC during the walk is what the watcher meets; with "checked" the real check runs.
 */
final class KernelLimitProbe {
    private KernelLimitProbe() {}

    public static void main(String[] args) throws Exception {
        try {
            // per user namespace, writable by its root (user_namespaces(7)); checked by the kernel
            // besides fs.inotify.max_user_watches
            Files.writeString(Path.of("/proc/sys/user/max_inotify_watches"), args[1]);
        } catch (IOException e) {
            System.out.println("cannot set the limit: " + e.getMessage());
            return;
        }
        WatchSettings settings = new WatchSettings(Path.of(args[0]), ExcludeRules.NONE, false, Duration.ofMillis(200),
                Duration.ofMillis(100), 0);
        RecordingSink sink = new RecordingSink();
        // "missed": as when other processes take watches between the budget check and the walk
        java.util.function.IntFunction<WatchBudget> budgetCheck = args[2].equals("missed")
                ? cap -> new WatchBudget(Long.MAX_VALUE, WatchBudget.GLOBAL_LIMIT, 0, cap)
                : WatchBudget::measure;
        try (SourceWatcher watcher = SourceWatcher.start(settings, sink, Inotify::open, budgetCheck)) {
            WatchStatus status = watcher.status();
            System.out.println("started");
            System.out.println("state " + status.state());
            System.out.println("watched " + status.watchedDirectories());
            System.out.println("unwatched " + status.unwatched());
            System.out.println("next rescan " + status.nextUnwatchedRescan().isPresent());
            Change rescan = sink.await(c -> c instanceof Change.Rescan, Watching.TIMEOUT);
            System.out.println("rescan " + rescan.path() + ": " + ((Change.Rescan) rescan).reason());
        } catch (IOException e) {
            System.out.println("refused " + e.getMessage());
        }
        System.out.flush();
    }
}
