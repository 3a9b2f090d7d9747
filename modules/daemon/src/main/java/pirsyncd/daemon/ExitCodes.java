package pirsyncd.daemon;

/**
 * The process exit codes, from {@code sysexits.h} so that scripts and systemd's
 * {@code RestartPreventExitStatus=} can tell a person's mistake from a passing failure.
 */
final class ExitCodes {
    private ExitCodes() {}

    /** Done. */
    static final int OK = 0;
    /**
     * Done, but not all of it: {@code stop} stopped the daemon, but its final sync did not finish
     * within {@code shutdownTimeout}, so changes were left unsynced (the next start's initial full
     * sync catches up).
     */
    static final int INCOMPLETE = 1;
    /** EX_USAGE: the command line is wrong (unknown option, missing argument). */
    static final int USAGE = 64;
    /** EX_UNAVAILABLE: something we need is not there (native access, a running instance, rsync). */
    static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: a bug or an unexpected failure; details are in the log. */
    static final int SOFTWARE = 70;
    /** EX_TEMPFAIL: the daemon did not answer in time (stopped, stuck, overloaded); trying again may work. */
    static final int TEMPFAIL = 75;
    /** EX_CONFIG: the configuration (file or flags) is invalid. */
    static final int CONFIG = 78;
}
