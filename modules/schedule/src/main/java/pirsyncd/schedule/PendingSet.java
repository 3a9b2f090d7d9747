package pirsyncd.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import pirsyncd.model.Batch;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;

/**
 * Everything one destination still owes the source: one {@link PathState} per place, the renames
 * to apply first, or "a full sync is needed", which covers everything else. Places are named in
 * the source's current namespace; a rename carries the places below it along.
 *
 * <p>Not thread-safe: each destination's queue owns one and touches it under its lock. The rules
 * beyond the per-place table ({@link Combiner}) are documented in modules/schedule/README.md.
 */
final class PendingSet {
    /** How far back a rename looks for an earlier rename to fold into (a→b, b→c = a→c). */
    private static final int MOVE_FOLD_LOOKBACK = 64;

    private final int maxPending;
    private final TreeMap<RelativePath, PathState> entries = new TreeMap<>();
    private final List<Move> moves = new ArrayList<>();
    private Optional<String> fullReason = Optional.empty();
    /** How many entries are trees: while there are none, no change needs its ancestors looked up. */
    private int treeEntries;

    PendingSet(int maxPending) {
        this.maxPending = maxPending;
    }

    /** How many places the next batch names (renames included); a full sync counts as one. */
    int size() {
        return fullReason.isPresent() ? 1 : entries.size() + moves.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** True if the next batch is a full sync. */
    boolean fullPending() {
        return fullReason.isPresent();
    }

    /**
     * Adds one change from the watch tree.
     *
     * @param absenceKnown see {@link Combiner#combine}: false while a run is in flight
     */
    void add(Change change, boolean absenceKnown) {
        if (fullReason.isPresent()) {
            return; // the full sync compares everything at the time it runs
        }
        switch (change) {
            case Change.Created c -> place(c.path(), createdEvent(c.kind()), absenceKnown);
            case Change.Modified m -> place(m.path(), PathEvent.MODIFIED, absenceKnown);
            case Change.AttributesChanged a -> place(a.path(), PathEvent.ATTRIBUTES_CHANGED, absenceKnown);
            case Change.Deleted d -> place(d.path(), PathEvent.DELETED, absenceKnown);
            case Change.Moved m -> move(m);
            case Change.Rescan r -> {
                if (r.scope().isRoot()) {
                    requireFull(r.reason());
                } else {
                    place(r.scope(), PathEvent.RESCANNED, absenceKnown);
                }
            }
        }
        collapseIfTooBig();
    }

    /** Replaces everything pending by a full sync (the first reason given is kept). */
    void requireFull(String reason) {
        if (fullReason.isEmpty()) {
            fullReason = Optional.of(reason);
        }
        clearEntries();
        moves.clear();
    }

    /**
     * Takes back a batch whose run failed, under the changes that arrived since it was taken. A
     * batch names places, so naming them again is always safe. Its renames may or may not have
     * happened at the destination, so they come back as places (the old name deleted, the new one
     * compared as a tree), unless {@code renamesRetryable}: the run stopped before applying any of
     * them, so they go back as renames too, ahead of the renames recorded since (which happened
     * later in the source), and a renamed tree is not sent again because of a passing failure. A
     * renamed file's new name is then compared by content: if the first rename did happen unseen
     * and a later one put a file back at its old name, repeating it may move that file over the
     * new name, and only a content check is sure to notice.
     */
    void absorbFailed(Batch batch, boolean renamesRetryable) {
        switch (batch) {
            case Batch.Full full -> requireFull(full.reason());
            case Batch.Incremental incremental -> {
                if (fullReason.isPresent()) {
                    return;
                }
                for (Move move : incremental.moves()) {
                    retry(move.from(), PathEvent.RETRIED_PATH);
                    boolean file = renamesRetryable && move.kind() == EntryKind.FILE;
                    retry(move.to(), file ? PathEvent.RETRIED_PATH : PathEvent.RETRIED_TREE);
                }
                if (renamesRetryable) {
                    moves.addAll(0, incremental.moves());
                }
                incremental.paths().forEach(path -> retry(path, PathEvent.RETRIED_PATH));
                incremental.trees().forEach(tree -> retry(tree, PathEvent.RETRIED_TREE));
                collapseIfTooBig();
            }
        }
    }

    /** Hands everything pending over as one batch and starts empty; empty if nothing is pending. */
    Optional<Batch> take() {
        Optional<Batch> batch;
        if (fullReason.isPresent()) {
            batch = Optional.of(new Batch.Full(fullReason.get()));
        } else if (entries.isEmpty() && moves.isEmpty()) {
            batch = Optional.empty();
        } else {
            TreeSet<RelativePath> paths = new TreeSet<>();
            TreeSet<RelativePath> trees = new TreeSet<>();
            entries.forEach((place, state) -> {
                if (state.inPaths()) {
                    paths.add(place);
                }
                if (state.inTrees()) {
                    trees.add(place);
                }
            });
            batch = Optional.of(new Batch.Incremental(moves, paths, trees));
        }
        fullReason = Optional.empty();
        clearEntries();
        moves.clear();
        return batch;
    }

    /** What is pending at exactly this place (for tests and the README's examples). */
    PathState stateAt(RelativePath place) {
        return entries.getOrDefault(place, PathState.NONE);
    }

    private void place(RelativePath path, PathEvent event, boolean absenceKnown) {
        if (path.isRoot()) {
            // the root cannot be named in a file list; its own attributes are rare enough to pay a full sync
            requireFull("a change at the source root itself");
            return;
        }
        PathState old = stateAt(path);
        switch (coveringTree(path)) {
            case FRESH -> {
                if (old == PathState.NONE) {
                    return; // everything below a new tree is sent with it
                }
            }
            case EXISTING -> {
                // a tree is compared by size and mtime, which covers structure and attributes; what
                // is known to carry new content is still named and compared by content, and a place
                // with an entry of its own keeps following the table
                boolean content = event == PathEvent.MODIFIED || event == PathEvent.CREATED_FILE;
                if (old == PathState.NONE && !content) {
                    return;
                }
                absenceKnown &= !content;
            }
            case NONE -> {}
        }
        PathState updated = Combiner.combine(old, event, absenceKnown);
        store(path, updated);
        if (event == PathEvent.DELETED || updated == PathState.NEW_TREE) {
            // a deleted place is deleted with its subtree; a new tree sends its whole subtree
            detach(path, false);
        }
    }

    private void move(Change.Moved moved) {
        RelativePath from = moved.from();
        RelativePath to = moved.to();
        if (from.isRoot() || to.isRoot() || from.equals(to) || from.isWithin(to) || to.isWithin(from)) {
            // the kernel refuses such renames; if one is ever reported, compare both places from scratch
            RelativePath outer = from.isWithin(to) ? to : from;
            if (outer.isRoot()) {
                requireFull("a rename involving the source root");
            } else {
                place(outer, PathEvent.RESCANNED, false);
                place(to.isWithin(from) ? to : from, PathEvent.RESCANNED, false);
            }
            return;
        }
        boolean fromFresh = stateAt(from).fresh() || coveringTree(from) == Cover.FRESH;
        boolean toInsideFresh = coveringTree(to) == Cover.FRESH;
        SortedMap<RelativePath, PathState> carried = detach(from, true);
        if (fromFresh || toInsideFresh) {
            // no rename at the destination: it has nothing at `from` yet, or no parent for `to` yet
            if (!fromFresh) {
                place(from, PathEvent.DELETED, false);
            }
            if (!toInsideFresh) {
                // the destination may have had something at `to`, so it is a create, not a fresh one
                place(to, createdEvent(moved.kind()), false);
            }
            return;
        }
        carried.forEach((place, state) -> store(place.rebase(from, to), stateAt(place.rebase(from, to)).union(state)));
        addMove(new Move(from, to, moved.kind()));
        // the destination may not have `from` to rename (a skipped rename): name both ends as places
        place(from, PathEvent.DELETED, false);
        PathEvent arrived = moved.kind() == EntryKind.DIRECTORY
                ? PathEvent.DIRECTORY_MOVED_HERE
                : PathEvent.FILE_MOVED_HERE;
        store(to, Combiner.combine(stateAt(to), arrived, false));
    }

    /** Appends a rename, folding it into an earlier one it continues (a→b then b→c is a→c). */
    private void addMove(Move move) {
        int oldest = Math.max(0, moves.size() - MOVE_FOLD_LOOKBACK);
        for (int i = moves.size() - 1; i >= oldest; i--) {
            Move earlier = moves.get(i);
            if (earlier.to().equals(move.from()) && canFold(i, earlier, move)) {
                moves.remove(i);
                if (!earlier.from().equals(move.to())) {
                    moves.add(i, new Move(earlier.from(), move.to(), move.kind()));
                }
                return;
            }
        }
        moves.add(move);
    }

    /** True if moving {@code later} back to position {@code i} cannot change what the renames do. */
    private boolean canFold(int i, Move earlier, Move later) {
        if (!earlier.from().equals(later.to()) && related(earlier.from(), later.to())) {
            return false;
        }
        for (Move between : moves.subList(i + 1, moves.size())) {
            if (touches(between, earlier.from()) || touches(between, later.from()) || touches(between, later.to())) {
                return false;
            }
        }
        return true;
    }

    private static boolean touches(Move move, RelativePath place) {
        return related(move.from(), place) || related(move.to(), place);
    }

    private static boolean related(RelativePath a, RelativePath b) {
        return a.isWithin(b) || b.isWithin(a);
    }

    private void retry(RelativePath place, PathEvent event) {
        // a rename recorded since then left a tree at its new name, which covers the place where
        // it carried this one; only the place itself needs naming again
        if (coveringTree(place) != Cover.FRESH) {
            store(place, Combiner.combine(stateAt(place), event, false));
        }
    }

    private enum Cover {
        /** No ancestor is pending as a tree. */
        NONE,
        /** An ancestor is pending as a tree the destination already has a copy of. */
        EXISTING,
        /** An ancestor is a new tree: the destination has nothing there, all of it is sent. */
        FRESH
    }

    private Cover coveringTree(RelativePath path) {
        Cover cover = Cover.NONE;
        if (treeEntries == 0) {
            return cover;
        }
        for (RelativePath up = path.parent(); !up.isRoot(); up = up.parent()) {
            PathState state = stateAt(up);
            if (state.inTrees()) {
                if (state.fresh()) {
                    return Cover.FRESH;
                }
                cover = Cover.EXISTING;
            }
        }
        return cover;
    }

    private void store(RelativePath place, PathState state) {
        PathState old = state == PathState.NONE ? entries.remove(place) : entries.put(place, state);
        if (old != null && old.inTrees()) {
            treeEntries--;
        }
        if (state.inTrees()) {
            treeEntries++;
        }
    }

    private void clearEntries() {
        entries.clear();
        treeEntries = 0;
    }

    /** Removes and returns the entries below {@code top} (and at it, if {@code inclusive}). */
    private SortedMap<RelativePath, PathState> detach(RelativePath top, boolean inclusive) {
        // every descendant sorts between "top" and "top0": '0' is the byte after '/'
        byte[] bytes = top.toBytes();
        byte[] bound = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        bound[bytes.length] = '0';
        SortedMap<RelativePath, PathState> range = entries.subMap(top, inclusive, RelativePath.of(bound), false);
        TreeMap<RelativePath, PathState> detached = new TreeMap<>();
        for (Map.Entry<RelativePath, PathState> entry : range.entrySet()) {
            if (entry.getKey().isWithin(top)) {
                detached.put(entry.getKey(), entry.getValue());
            }
        }
        detached.forEach((place, state) -> store(place, PathState.NONE));
        return detached;
    }

    private void collapseIfTooBig() {
        if (size() > maxPending) {
            requireFull("more than " + maxPending + " changes pending (maxPending)");
        }
    }

    private static PathEvent createdEvent(EntryKind kind) {
        return switch (kind) {
            case FILE -> PathEvent.CREATED_FILE;
            case DIRECTORY -> PathEvent.CREATED_DIRECTORY;
        };
    }
}
