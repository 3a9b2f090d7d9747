package pirsyncd.model;

import java.util.List;

/**
 * Where the watch tree delivers changes. Called from the watcher's one reader thread with the
 * changes that came out of one {@code read} of the inotify fd, in order; it must hand them on
 * quickly and never block on a transfer, or the kernel queue overflows.
 */
@FunctionalInterface
public interface ChangeSink {
    /** Accepts changes in the order they happened; the list is not modified afterwards. */
    void accept(List<Change> changes);
}
