package pirsyncd.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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
     * @param inFlight the run in progress for this destination, if any: while one is, nothing is
     *     known to be absent at the destination ({@link Combiner#combine}), and a rename of a place
     *     it may be writing cannot be trusted to carry the right content (see {@link #move})
     */
    void add(Change change, InFlight inFlight) {
        if (fullReason.isPresent()) {
            return; // the full sync compares everything at the time it runs
        }
        switch (change) {
            case Change.Created c -> place(c.path(), createdEvent(c.kind()), absenceKnown(c.path(), inFlight));
            case Change.Modified m -> place(m.path(), PathEvent.MODIFIED, absenceKnown(m.path(), inFlight));
            case Change.AttributesChanged a ->
                    place(a.path(), PathEvent.ATTRIBUTES_CHANGED, absenceKnown(a.path(), inFlight));
            case Change.Deleted d -> place(d.path(), PathEvent.DELETED, absenceKnown(d.path(), inFlight));
            case Change.Moved m -> move(m, inFlight);
            case Change.Rescan r -> {
                if (r.scope().isRoot()) {
                    requireFull(r.reason());
                } else {
                    place(r.scope(), PathEvent.RESCANNED, absenceKnown(r.scope(), inFlight));
                }
            }
        }
        collapseIfTooBig();
    }

    /**
     * Whether the destination is known to hold nothing at {@code path} where the source held nothing
     * before this change, as far as nothing pending says otherwise ({@link Combiner#combine}). Not
     * where the run in flight may be writing: at the place, above it or below it. Elsewhere a run in
     * flight changes nothing, so a folder created during a burst is still new at the destination
     * (sent whole, the files written into it riding along) rather than compared and its files named
     * one by one, which rsync lists at twice the cost of walking the folder.
     */
    private static boolean absenceKnown(RelativePath path, InFlight inFlight) {
        return !inFlight.mayTouch(path);
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
     *
     * <p>The batch named its places as they were called when it was taken. A rename recorded since
     * moves whatever the destination holds there (the failed run may have left a file half-written,
     * or not written at all) to the new name, where a tree's size-and-mtime check might not see it:
     * so each place is also named again where the renames recorded since take it.
     */
    void absorbFailed(Batch batch, boolean renamesRetryable) {
        switch (batch) {
            case Batch.Full full -> requireFull(full.reason());
            case Batch.Incremental incremental -> {
                if (fullReason.isPresent()) {
                    return;
                }
                Map<RelativePath, PathState> owed = new TreeMap<>();
                for (Move move : incremental.moves()) {
                    owed.merge(move.from(), PathState.PATH, PathState::union);
                    boolean file = renamesRetryable && move.kind() == EntryKind.FILE;
                    owed.merge(move.to(), file ? PathState.PATH : PathState.TREE, PathState::union);
                }
                incremental.paths().forEach(path -> owed.merge(path, PathState.PATH, PathState::union));
                incremental.trees().forEach(tree -> owed.merge(tree, PathState.TREE, PathState::union));
                Map<RelativePath, PathState> renamed = renamedSince(owed);
                if (renamesRetryable) {
                    moves.addAll(0, incremental.moves());
                }
                owed.forEach(this::retry);
                renamed.forEach((place, state) -> {
                    if (owed.get(place) != state) {
                        retry(place, state);
                    }
                });
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

    /**
     * A rename inside the source. When the destination holds at {@code from} what the source held
     * there, as far as nothing pending says otherwise, the rename alone makes {@code to} right: the
     * places pending at and below {@code from} are carried along and name whatever else changed,
     * so {@code to} is not compared as a tree (for a directory of 10,000 files, that compare is
     * most of the cost of a rename). The {@link pirsyncd.model.Transfer} syncs both names itself
     * when it cannot apply the rename. That premise fails, and both names are compared as before,
     * when
     * <ul>
     *   <li>a pending tree above {@code from} stands for changes below it that were never recorded
     *       as places (they ride with that tree), so nothing was carried for them; or
     *   <li>a run in flight may be writing at or below {@code from} (or above it): it reads the
     *       source after this rename, so it may delete or leave behind at the destination's
     *       {@code from} what the rename then moves to {@code to}, and its places were not pending
     *       to be carried.
     * </ul>
     */
    private void move(Change.Moved moved, InFlight inFlight) {
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
        Cover fromCover = coveringTree(from);
        boolean fromFresh = stateAt(from).fresh() || fromCover == Cover.FRESH;
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
        boolean folded = addMove(new Move(from, to, moved.kind()));
        if (fromCover == Cover.NONE && !inFlight.mayTouch(from)) {
            // the rename alone makes `to` right; whatever was pending there is compared after it,
            // and the destination holds something there afterwards, so it is no longer fresh
            store(to, Combiner.nonFresh(stateAt(to)));
            if (folded) {
                // the earlier rename into `from` is gone from the list, and with it the replacing of
                // whatever the destination held at `from` before: delete that
                place(from, PathEvent.DELETED, false);
            }
            return;
        }
        // the destination may not have `from` to rename (a skipped rename): name both ends as places
        place(from, PathEvent.DELETED, false);
        PathEvent arrived = moved.kind() == EntryKind.DIRECTORY
                ? PathEvent.DIRECTORY_MOVED_HERE
                : PathEvent.FILE_MOVED_HERE;
        store(to, Combiner.combine(stateAt(to), arrived, false));
    }

    /** Appends a rename, folding it into an earlier one it continues (a→b then b→c is a→c); true if it folded. */
    private boolean addMove(Move move) {
        int oldest = Math.max(0, moves.size() - MOVE_FOLD_LOOKBACK);
        for (int i = moves.size() - 1; i >= oldest; i--) {
            Move earlier = moves.get(i);
            if (earlier.to().equals(move.from()) && canFold(i, earlier, move)) {
                moves.remove(i);
                if (!earlier.from().equals(move.to())) {
                    moves.add(i, new Move(earlier.from(), move.to(), move.kind()));
                }
                return true;
            }
        }
        moves.add(move);
        return false;
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

    /** The places, called as the renames pending since then (in order) call them now. */
    private NavigableMap<RelativePath, PathState> renamedSince(Map<RelativePath, PathState> places) {
        TreeMap<RelativePath, PathState> now = new TreeMap<>(moves.isEmpty() ? Map.of() : places);
        for (Move since : moves) {
            Places.removeSubtree(now, since.from(), true).forEach((place, state) ->
                    now.merge(place.rebase(since.from(), since.to()), state, PathState::union));
        }
        return now;
    }

    /** Names a place of a failed batch again ({@code state}: PATH, TREE or both), never as fresh. */
    private void retry(RelativePath place, PathState state) {
        // below a new tree, the place is sent with it
        if (coveringTree(place) == Cover.FRESH) {
            return;
        }
        PathState merged = stateAt(place);
        if (state.inPaths()) {
            merged = Combiner.combine(merged, PathEvent.RETRIED_PATH, false);
        }
        if (state.inTrees()) {
            merged = Combiner.combine(merged, PathEvent.RETRIED_TREE, false);
        }
        store(place, merged);
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
        SortedMap<RelativePath, PathState> detached = Places.removeSubtree(entries, top, inclusive);
        detached.forEach((place, state) -> {
            if (state.inTrees()) {
                treeEntries--;
            }
        });
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
