/**
 * The vocabulary every other pirsyncd module speaks, and nothing else: paths relative to the
 * source root kept as raw bytes ({@link pirsyncd.model.RelativePath}), the changes the watch tree
 * reports ({@link pirsyncd.model.Change}), the batch one rsync run must bring about
 * ({@link pirsyncd.model.Batch}) with its result, and the exclude rules shared by watching and
 * transfer ({@link pirsyncd.model.ExcludeRules}).
 *
 * <p>It earns its place as a module because the watch tree, the scheduler and the rsync launcher
 * must agree on these types without depending on each other. It holds data and pure functions
 * only: no threads, no I/O, no native code, and it requires nothing beyond {@code java.base}.
 */
module pirsyncd.model {
    exports pirsyncd.model;
}
