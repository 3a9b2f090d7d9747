/**
 * The watch tree: one inotify watch per source directory, kept in step with the tree as it
 * changes, turning raw events into path-level {@link pirsyncd.model.Change}s for the scheduler.
 * It owns the tree of watched directories (names as raw bytes, one node each), the pairing of
 * moves, the handling of overflow, root loss and the watch limit; the daemon calls
 * {@link pirsyncd.watch.SourceWatcher#start} and reads {@link pirsyncd.watch.SourceWatcher#status}.
 */
module pirsyncd.watch {
    // Change, ChangeSink, RelativePath and ExcludeRules appear in this module's API
    requires transitive pirsyncd.model;
    // every syscall (inotify, directory listing) goes through the binding; no FFM code here
    requires pirsyncd.inotify;
    // tinylog: the "watch" log tag
    requires org.tinylog.api;

    exports pirsyncd.watch;
}
