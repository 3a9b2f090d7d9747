package pirsyncd.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

/**
 * The changes of one read, in order, with two kinds of repetition dropped that would only cost
 * the scheduler work: a Modified for a file already reported Modified (IN_MODIFY comes once per
 * {@code write(2)}), and Created/Modified/AttributesChanged inside a directory reported Created
 * earlier in the same batch (a Created directory means "send this whole subtree").
 *
 * <p>A repeated Modified is not simply dropped: the one already in the batch takes over the newer
 * one's {@code closed}, so the batch says what the last event said. A rewrite read in one go
 * (IN_MODIFY for the truncate, IN_MODIFY for the write, IN_CLOSE_WRITE) is one closed Modified,
 * and the scheduler need not wait for a close that has already come; a file closed and written
 * again within the read is still being written. Keeping the first one's place in the order is
 * safe: anything in between that concerned the file (a delete, a rename, a create, a rescan)
 * made the next Modified a new entry.
 *
 * <p>Owned by the reader thread.
 */
final class ChangeBatch {
    private List<Change> changes = new ArrayList<>();
    // where each file reported Modified sits in `changes`
    private final Map<RelativePath, Integer> modified = new HashMap<>();
    private final Set<RelativePath> createdTrees = new HashSet<>();
    // the earlier Modified whose closed flag the last add changed, for the event log; null if none
    private Change.Modified updated;

    void add(Change change) {
        switch (change) {
            case Change.Modified m -> {
                if (insideCreatedTree(m.path())) {
                    return;
                }
                Integer earlier = modified.putIfAbsent(m.path(), changes.size());
                if (earlier != null) {
                    if (!changes.set(earlier, m).equals(m)) {
                        updated = m;
                    }
                    return;
                }
            }
            case Change.Created c -> {
                if (insideCreatedTree(c.path())) {
                    return;
                }
                forget(c.path(), c.kind());
                if (c.kind() == EntryKind.DIRECTORY) {
                    createdTrees.add(c.path());
                }
            }
            case Change.AttributesChanged a -> {
                if (insideCreatedTree(a.path())) {
                    return;
                }
            }
            // anything that removes or renames invalidates what we know about the places involved
            case Change.Deleted d -> forget(d.path(), d.kind());
            case Change.Moved m -> {
                forget(m.from(), m.kind());
                forget(m.to(), m.kind());
            }
            case Change.Rescan r -> forget(r.scope(), EntryKind.DIRECTORY);
        }
        changes.add(change);
    }

    private boolean insideCreatedTree(RelativePath path) {
        if (createdTrees.isEmpty()) {
            return false;
        }
        for (RelativePath p = path; !p.isRoot(); ) {
            p = p.parent();
            if (createdTrees.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private void forget(RelativePath path, EntryKind kind) {
        modified.remove(path);
        createdTrees.remove(path);
        if (kind == EntryKind.DIRECTORY) {
            modified.keySet().removeIf(p -> p.isWithin(path));
            createdTrees.removeIf(p -> p.isWithin(path));
        }
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** How many changes the batch holds; with {@link #since} it tells what one event added. */
    int size() {
        return changes.size();
    }

    /**
     * The earlier Modified that the last {@link #add} changed to say {@code closed} (or no longer
     * closed) instead of adding one, once; null if it did not.
     */
    Change.Modified takeUpdated() {
        Change.Modified was = updated;
        updated = null;
        return was;
    }

    /** The changes added after the first {@code index} (a copy). */
    List<Change> since(int index) {
        return List.copyOf(changes.subList(index, changes.size()));
    }

    /** The changes so far, handed over; the batch starts empty again. */
    List<Change> drain() {
        List<Change> out = List.copyOf(changes);
        changes = new ArrayList<>();
        modified.clear();
        createdTrees.clear();
        updated = null;
        return out;
    }
}
