package pirsyncd.rsync;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pirsyncd.model.TransferResult.Outcome;

/** What one finished rsync run means: {@link RsyncExit}'s table plus the few cases it cannot tell apart. */
final class RsyncRunOutcome {
    private static final Pattern SKIPPED = Pattern.compile("--max-delete limit \\((\\d+) skipped\\)");

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

    /**
     * True if the run hit the {@code --max-delete} limit (exit 25). rsync deletes up to the limit
     * before it stops, so each repetition would delete that many more: the target holds until a
     * person asks for a {@code resync}, which runs a full sync under the same limit.
     */
    static boolean holdsTheTarget(ProcessRun.Result result) {
        return !result.timedOut() && result.exitCode() == RsyncExit.MAX_DELETE.code;
    }

    /** One line: the step, the exit code in words and rsync's own last complaint. */
    static String meaning(String step, ProcessRun.Result result, TransferOptions options) {
        if (result.timedOut()) {
            return step + ": rsync killed after running longer than runTimeout "
                    + options.runTimeout().map(Object::toString).orElse("") + "; will retry";
        }
        if (holdsTheTarget(result)) {
            // rsync: "Deletions stopped due to --max-delete limit (3 skipped)"
            String refused = result.stderr().stream().map(SKIPPED::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElse("some");
            return step + ": max-delete reached: " + refused + " deletions refused (maxDelete "
                    + options.maxDelete().orElse(0) + " per batch); check the source, then `pirsyncd resync`"
                    + " (raise maxDelete first if the deletions are intended)";
        }
        String words = step + ": " + RsyncExit.describe(result.exitCode());
        return result.complaint().map(e -> words + ": " + e).orElse(words);
    }
}
