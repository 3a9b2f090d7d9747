package pirsyncd.e2e;

/** The three kinds of destination pirsyncd mirrors to; every scenario runs on each kind it applies to. */
enum DestinationKind {
    /** A directory on this machine. */
    LOCAL("local"),
    /** {@code root@127.0.0.1:/path} through the suite's own sshd. */
    SSH("ssh"),
    /** {@code rsync://e2e@127.0.0.1:PORT/e2e/path} through the suite's own rsync daemon. */
    RSYNC_DAEMON("rsyncd");

    private final String label;

    DestinationKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
