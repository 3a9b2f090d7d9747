package pirsyncd.watch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pirsyncd.model.RelativePath;

/**
 * A snapshot of one watcher, safe to read from any thread.
 *
 * @param root the watched source directory
 * @param state whether the root is being watched
 * @param problem why the root is not watched (ROOT_MISSING) or why the watcher is recovering
 *     (RECOVERING), one line for a person; empty while watching
 * @param watchedDirectories directories with a watch now
 * @param unwatched directories that could not be watched (watch limit), as paths below the root;
 *     each subtree is covered by a periodic {@code Rescan} instead
 * @param eventsRead raw inotify events read since start
 * @param overflows times the kernel queue overflowed (IN_Q_OVERFLOW) since start
 * @param approximateBytesPerDirectory an estimate of the heap the watch tree costs per watched
 *     directory, computed from the tree's nodes, name lengths and table sizes (not measured; see
 *     the module README, "Memory"); recomputed after a walk and at most once a minute
 * @param nextUnwatchedRescan when the unwatched directories are next retried and rescanned;
 *     empty when nothing is unwatched (or the root is not watched)
 */
public record WatchStatus(Path root, RootState state, Optional<String> problem, int watchedDirectories,
        List<RelativePath> unwatched, long eventsRead, long overflows, int approximateBytesPerDirectory,
        Optional<Instant> nextUnwatchedRescan) {

    /** Copies the list. */
    public WatchStatus {
        Objects.requireNonNull(root);
        Objects.requireNonNull(state);
        Objects.requireNonNull(problem);
        Objects.requireNonNull(nextUnwatchedRescan);
        unwatched = List.copyOf(unwatched);
    }

    /** Whether the source root is watched. */
    public enum RootState {
        /** The root is there and watched (perhaps partly: see {@link WatchStatus#unwatched()}). */
        WATCHING,
        /**
         * The root was deleted, renamed away or unmounted: nothing is watched, and the watcher
         * looks for it every {@link WatchSettings#rootRetryInterval()}; when it is back it is walked
         * again and a {@code Rescan} of the root is reported.
         */
        ROOT_MISSING,
        /**
         * Reading events failed unexpectedly: the inotify instance was closed and is reopened (at
         * once, then every {@link WatchSettings#rootRetryInterval()} while that fails); once open,
         * the tree is walked again and a {@code Rescan} of the root is reported. {@code problem}
         * says what failed.
         */
        RECOVERING
    }
}
