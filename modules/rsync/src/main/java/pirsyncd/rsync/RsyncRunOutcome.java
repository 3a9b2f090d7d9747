package pirsyncd.rsync;

import pirsyncd.model.TransferResult.Outcome;

/** What one finished rsync run means: {@link RsyncExit}'s table plus the few cases it cannot tell apart. */
final class RsyncRunOutcome {
    private RsyncRunOutcome() {}

    static Outcome of(ProcessRun.Result result) {
        if (result.timedOut()) {
            return Outcome.RETRY;
        }
        // exit 5 is fatal (auth failed, unknown module) except when the daemon is merely full;
        // rsync gives no other way to tell, so this one decision reads the daemon's message
        if (result.exitCode() == 5 && result.stderr().stream().anyMatch(l -> l.contains("max connections"))) {
            return Outcome.RETRY;
        }
        return RsyncExit.outcomeOf(result.exitCode());
    }

    /** One line: the step, the exit code in words and rsync's own last complaint. */
    static String meaning(String step, ProcessRun.Result result, TransferOptions options) {
        if (result.timedOut()) {
            return step + ": rsync killed after running longer than runTimeout "
                    + options.runTimeout().map(Object::toString).orElse("") + "; will retry";
        }
        String words = step + ": " + RsyncExit.describe(result.exitCode());
        return result.complaint().map(e -> words + ": " + e).orElse(words);
    }
}
