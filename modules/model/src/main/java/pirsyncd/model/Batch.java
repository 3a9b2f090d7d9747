package pirsyncd.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one transfer to one destination must bring about. A batch names places, not actions:
 * after the transfer the destination equals the source <em>at the time of the transfer</em> at
 * every named place, whatever happened there in between; that is what makes coalescing safe.
 *
 * <ul>
 *   <li>{@link Full}: the whole tree, compared in full ({@code rsync -a --delete}).
 *   <li>{@link Incremental}: first the {@code moves} are applied at the destination as renames,
 *       in order; then each of {@code paths} is made equal to the source on its own (sent if it
 *       exists, deleted if it does not; content compared, not just size and mtime, because the
 *       daemon knows it changed); then each of {@code trees} is made equal recursively (a new
 *       directory, or a moved one whose content must be checked cheaply by size and mtime).
 * </ul>
 *
 * <p>A rename the destination cannot apply (its old name missing there, its new parent missing,
 * something in the way, or no rename at all, as over the rsync daemon protocol) is skipped, and
 * the transfer syncs both of its names instead: the old one as a path (deleted), the new one as a
 * path (a file) or a tree (a directory). So a rename that was applied needs no compare of its new
 * name, and the scheduler names it only when it has another reason to.
 */
public sealed interface Batch {

    /** How many places the batch names; a full batch counts as one. */
    int size();

    /** Everything, compared in full. */
    record Full(String reason) implements Batch {
        public Full {
            Objects.requireNonNull(reason);
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /** Targeted work whose cost grows with the change, not with the tree. */
    record Incremental(List<Move> moves, SortedSet<RelativePath> paths, SortedSet<RelativePath> trees)
            implements Batch {
        public Incremental {
            moves = List.copyOf(moves);
            paths = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(paths));
            trees = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(trees));
        }

        /** A batch of single places only. */
        public static Incremental ofPaths(Set<RelativePath> paths) {
            return new Incremental(List.of(), new TreeSet<>(paths), new TreeSet<>());
        }

        /** True when there is nothing to do. */
        public boolean isEmpty() {
            return moves.isEmpty() && paths.isEmpty() && trees.isEmpty();
        }

        @Override
        public int size() {
            return moves.size() + paths.size() + trees.size();
        }
    }
}
