/**
 * The scheduler: per destination, coalesces changes, decides when to run a transfer, retries
 * failures, and never loses a change.
 */
module pirsyncd.schedule {
    requires pirsyncd.model;
    // tinylog: the "schedule" log tag
    requires org.tinylog.api;
}
