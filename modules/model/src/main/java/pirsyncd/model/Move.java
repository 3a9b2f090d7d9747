package pirsyncd.model;

import java.util.Objects;

/** A rename the destination should apply as a rename rather than a delete and a new copy. */
public record Move(RelativePath from, RelativePath to, EntryKind kind) {
    public Move {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(kind);
        if (from.equals(to) || from.isRoot() || to.isRoot()) {
            throw new IllegalArgumentException("not a move: " + from + " -> " + to);
        }
    }
}
