package pirsyncd.rsync;

import java.util.List;
import pirsyncd.model.Move;

/** What the rename step of a batch did on a destination that can rename (local, ssh). */
sealed interface RenameResult {

    /**
     * Every move was either applied or found impossible there (drift: its source missing, its
     * target in the way, the destination directory missing); the batch goes on, and {@code skipped}
     * become a delete of the old name and a send of the new.
     */
    record Done(List<Move> skipped) implements RenameResult {
        public Done {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The step could not tell what happened (ssh failed, the step timed out): the batch stops here
     * as a RETRY rather than re-sending every renamed tree because of a passing failure.
     *
     * @param exitCode the exit code, -1 if killed after its time limit
     * @param meaning one line: the step, what failed, rsync's or ssh's complaint
     * @param noneApplied true if no move is known to have been applied, so the moves can be retried
     *     as renames (see {@code TransferResult.renamesRetryable})
     */
    record Unknown(int exitCode, String meaning, boolean noneApplied) implements RenameResult {}
}
