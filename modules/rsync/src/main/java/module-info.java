/**
 * The rsync launcher: turns a {@link pirsyncd.model.Batch} into rsync runs for one destination
 * (local directory, ssh, rsync daemon) and reports exactly what happened. It owns the destination
 * syntax, the transfer options, the argument vectors, the child processes and the exit-code table;
 * it is a module of its own so that nothing else ever builds an rsync command line.
 */
module pirsyncd.rsync {
    // Batch, Move, RelativePath, Transfer, TransferResult: the contract with the scheduler
    requires transitive pirsyncd.model;
    // Posix.rename: a local destination's renames as rename(2) on raw bytes, without a process
    requires pirsyncd.inotify;
    // tinylog: the "rsync" log tag
    requires org.tinylog.api;

    exports pirsyncd.rsync;
}
