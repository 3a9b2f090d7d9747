package pirsyncd.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pirsyncd.model.RelativePath;

/**
 * A snapshot of one watcher, safe to read from any thread.
 *
 * @param root the watched source directory
 * @param state whether the root is being watched
 * @param problem why the root is not watched (ROOT_MISSING), empty while watching
 * @param watchedDirectories directories with a watch now
 * @param unwatched directories that could not be watched (watch limit); each subtree is covered
 *     by a periodic {@code Rescan} instead
 * @param eventsRead raw inotify events read since start
 * @param overflows times the kernel queue overflowed (IN_Q_OVERFLOW) since start
 * @param approximateBytesPerDirectory heap the watch tree costs per watched directory (measured,
 *     see the module README), for sizing
 */
public record WatchStatus(Path root, RootState state, Optional<String> problem, int watchedDirectories,
        List<RelativePath> unwatched, long eventsRead, long overflows, int approximateBytesPerDirectory) {

    /** Measured heap per watched directory of the tree and its descriptor map (README: "Memory"). */
    public static final int BYTES_PER_DIRECTORY = 210;

    /** Copies the list. */
    public WatchStatus {
        Objects.requireNonNull(root);
        Objects.requireNonNull(state);
        Objects.requireNonNull(problem);
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
        ROOT_MISSING
    }
}
