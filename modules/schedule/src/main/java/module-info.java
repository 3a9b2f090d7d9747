/**
 * The scheduler: for each destination it keeps the set of places that differ from the source,
 * coalesced so that each place is named once, decides when a transfer runs (debounce, a cap on
 * latency, a count trigger), runs one transfer at a time per destination on that destination's own
 * thread, and keeps and retries a failed batch with backoff, so that no change is ever lost.
 *
 * <p>It sits between the watch tree (which calls {@link pirsyncd.model.ChangeSink#accept} on its
 * reader thread and must never wait for a transfer) and the rsync launcher (a
 * {@link pirsyncd.model.Transfer} per destination); it depends on neither, only on their shared
 * vocabulary.
 */
module pirsyncd.schedule {
    // Change, Batch, Transfer, TransferResult: the types this module consumes and produces
    requires transitive pirsyncd.model;
    // tinylog: the "schedule" log tag
    requires org.tinylog.api;

    exports pirsyncd.schedule;
}
