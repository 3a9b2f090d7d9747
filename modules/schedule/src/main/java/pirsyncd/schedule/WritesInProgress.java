package pirsyncd.schedule;

import java.time.Instant;
import java.util.TreeSet;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

/**
 * The places still being written, as far as the watch tree's reports tell: the last write
 * reported there came without a close ({@link Change.Modified#closed()} false) and nothing since
 * ended it (a close, a delete, a rename away, a rescan that may have lost the close). While any
 * is pending, {@link RunTiming} gives the writer a moment to finish, so that a file rewritten in
 * place is sent once, complete, instead of half-written and then again.
 *
 * <p>Only a hint for timing: a place forgotten here is merely sent sooner, and one kept too long
 * only until the cap. Owned by one destination's queue, under its lock; emptied whenever the
 * queue hands its batch over (a write after that starts a new wait).
 */
final class WritesInProgress {
    private final int limit;
    private final TreeSet<RelativePath> open = new TreeSet<>();
    private Instant lastOpenWriteAt = Instant.EPOCH;

    /** @param limit at most this many places are remembered (writes beyond it just do not hold a run) */
    WritesInProgress(int limit) {
        this.limit = limit;
    }

    /** Follows one change that arrived at {@code now}. */
    void note(Change change, Instant now) {
        switch (change) {
            case Change.Modified m -> {
                if (m.closed()) {
                    open.remove(m.path());
                } else if (open.size() < limit || open.contains(m.path())) {
                    open.add(m.path());
                    lastOpenWriteAt = now;
                }
            }
            case Change.Deleted d -> forget(d.path(), d.kind());
            // a file renamed while open is written under its new name, whose next write says so
            case Change.Moved m -> forget(m.from(), m.kind());
            // the close may have been among the events lost
            case Change.Rescan r -> forget(r.scope(), EntryKind.DIRECTORY);
            case Change.Created _ -> {}
            case Change.AttributesChanged _ -> {}
        }
    }

    private void forget(RelativePath place, EntryKind kind) {
        if (open.isEmpty()) {
            return;
        }
        switch (kind) {
            case FILE -> open.remove(place);
            case DIRECTORY -> Places.removeSubtree(open, place, true);
        }
    }

    /** True while some place is still being written. */
    boolean any() {
        return !open.isEmpty();
    }

    /** When the latest write without a close arrived (meaningful only while {@link #any()}). */
    Instant lastOpenWriteAt() {
        return lastOpenWriteAt;
    }

    /** Forgets everything: the batch was handed over, or nothing is pending any more. */
    void clear() {
        open.clear();
    }
}
