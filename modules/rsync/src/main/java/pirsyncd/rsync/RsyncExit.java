package pirsyncd.rsync;

import pirsyncd.model.TransferResult.Outcome;

/**
 * rsync's exit codes (rsync(1), "EXIT VALUES") and what each asks of the scheduler. RETRY keeps the
 * batch and tries again with backoff; FATAL keeps it too but needs a person, so it backs off long.
 */
enum RsyncExit {
    OK(0, Outcome.OK, "success"),
    // bad options or an option the other side lacks: retrying cannot help
    SYNTAX(1, Outcome.FATAL, "syntax or usage error"),
    PROTOCOL(2, Outcome.FATAL, "protocol incompatibility"),
    // e.g. the destination directory is missing (an unmounted disk) — may come back
    SELECT_FILES(3, Outcome.RETRY, "errors selecting input/output files, dirs"),
    UNSUPPORTED(4, Outcome.FATAL, "requested action not supported"),
    // auth failed, unknown module, or "max connections reached"; only the last passes by itself,
    // and RsyncTransfer retries that one (see RsyncRun.outcome)
    STARTING_PROTOCOL(5, Outcome.FATAL, "error starting client-server protocol"),
    DAEMON_LOG(6, Outcome.FATAL, "daemon unable to append to log-file"),
    SOCKET_IO(10, Outcome.RETRY, "error in socket I/O"),
    // disk full, a permission flipped: may pass
    FILE_IO(11, Outcome.RETRY, "error in file I/O"),
    STREAM(12, Outcome.RETRY, "error in rsync protocol data stream"),
    DIAGNOSTICS(13, Outcome.RETRY, "errors with program diagnostics"),
    IPC(14, Outcome.RETRY, "error in IPC code"),
    SIGNALLED(20, Outcome.RETRY, "received SIGUSR1 or SIGINT"),
    WAITPID(21, Outcome.RETRY, "some error returned by waitpid()"),
    MEMORY(22, Outcome.RETRY, "error allocating core memory buffers"),
    // normal on a busy tree (a file changed or became unreadable mid-run): keep the batch and retry
    PARTIAL(23, Outcome.RETRY, "partial transfer due to error"),
    // a file vanished between listing and sending. OK, not RETRY: the watcher saw it go, so its
    // deletion (or the rename that took it) is already queued as its own change and the next run
    // brings the destination in line; retrying this batch would only repeat the same race.
    VANISHED(24, Outcome.OK, "partial transfer due to vanished source files"),
    // the mass-deletion guard fired: a person must look before anything more is deleted
    MAX_DELETE(25, Outcome.FATAL, "the --max-delete limit stopped deletions"),
    TIMEOUT(30, Outcome.RETRY, "timeout in data send/receive"),
    CONNECT_TIMEOUT(35, Outcome.RETRY, "timeout waiting for daemon connection"),
    // ssh exits 255 for refused connections and refused keys alike; it cannot be told apart here
    SSH(255, Outcome.RETRY, "ssh or remote shell failed");

    final int code;
    final Outcome outcome;
    final String meaning;

    RsyncExit(int code, Outcome outcome, String meaning) {
        this.code = code;
        this.outcome = outcome;
        this.meaning = meaning;
    }

    /** The outcome for an exit code; a code rsync does not document is retried. */
    static Outcome outcomeOf(int code) {
        for (RsyncExit e : values()) {
            if (e.code == code) {
                return e.outcome;
            }
        }
        return Outcome.RETRY;
    }

    /** The exit code in words, e.g. {@code "exit 23 (partial transfer due to error)"}. */
    static String describe(int code) {
        for (RsyncExit e : values()) {
            if (e.code == code) {
                return "exit " + code + " (" + e.meaning + ")";
            }
        }
        return "exit " + code + " (undocumented exit code)";
    }
}
