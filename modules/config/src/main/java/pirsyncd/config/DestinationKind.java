package pirsyncd.config;

/** How rsync reaches a destination, decided by rsync's own syntax rules (see rsync(1), "USAGE"). */
public enum DestinationKind {
    /** A folder on this machine. */
    LOCAL,
    /** {@code [user@]host:path}, through a remote shell (ssh). */
    SSH,
    /** {@code [user@]host::module/path} or {@code rsync://[user@]host[:port]/module/path}. */
    RSYNC_DAEMON
}
