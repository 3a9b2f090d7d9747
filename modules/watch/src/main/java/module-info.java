/**
 * The watch tree: one inotify watch per source directory, kept in step with the tree as it
 * changes, turning raw events into path-level {@link pirsyncd.model.Change}s.
 */
module pirsyncd.watch {
    requires pirsyncd.model;
    requires pirsyncd.inotify;
    // tinylog: the "watch" log tag
    requires org.tinylog.api;
}
