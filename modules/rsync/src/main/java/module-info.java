/**
 * The rsync launcher: turns a {@link pirsyncd.model.Batch} into rsync runs for one destination
 * (local, ssh, rsync daemon) and reports exactly what happened.
 */
module pirsyncd.rsync {
    requires pirsyncd.model;
    // tinylog: the "rsync" log tag
    requires org.tinylog.api;
}
