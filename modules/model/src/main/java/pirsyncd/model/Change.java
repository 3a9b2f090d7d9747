package pirsyncd.model;

import java.util.Objects;

/**
 * One path-level change below the source root, as the watch tree reports it to the scheduler.
 * A closed set: every consumer handles each kind in an exhaustive {@code switch}.
 */
public sealed interface Change {

    /** The path this change concerns (for a move: where the entry is now). */
    RelativePath path();

    /** A new entry appeared (created, or moved in from outside the tree). */
    record Created(RelativePath path, EntryKind kind) implements Change {
        public Created {
            Objects.requireNonNull(path);
            Objects.requireNonNull(kind);
        }
    }

    /**
     * A file's content was written.
     *
     * @param closed true when the writer had closed the file (inotify's IN_CLOSE_WRITE), false when
     *     this reports a write and the file may still be open (IN_MODIFY alone): more writes, and a
     *     close, are probably coming. A scheduler may wait a moment for them rather than copy a
     *     half-written file, but must not wait for ever: files written through a mapping, or kept
     *     open like logs, may never report a close.
     */
    record Modified(RelativePath path, EntryKind kind, boolean closed) implements Change {
        public Modified {
            Objects.requireNonNull(path);
            Objects.requireNonNull(kind);
        }

        /** A write whose writer has closed the file: the content is complete for now. */
        public Modified(RelativePath path, EntryKind kind) {
            this(path, kind, true);
        }
    }

    /** Mode, owner, timestamps or extended attributes changed, content did not. */
    record AttributesChanged(RelativePath path, EntryKind kind) implements Change {
        public AttributesChanged {
            Objects.requireNonNull(path);
            Objects.requireNonNull(kind);
        }
    }

    /** The entry is gone (deleted, or moved out of the tree); a directory takes its subtree along. */
    record Deleted(RelativePath path, EntryKind kind) implements Change {
        public Deleted {
            Objects.requireNonNull(path);
            Objects.requireNonNull(kind);
        }
    }

    /** A rename inside the tree; a directory's whole subtree moved with it. */
    record Moved(RelativePath from, RelativePath to, EntryKind kind) implements Change {
        public Moved {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            Objects.requireNonNull(kind);
        }

        @Override
        public RelativePath path() {
            return to;
        }
    }

    /**
     * The watcher may have missed changes below {@code scope} (queue overflow, a part it could
     * not watch, the root coming back): everything there must be compared in full.
     */
    record Rescan(RelativePath scope, String reason) implements Change {
        public Rescan {
            Objects.requireNonNull(scope);
            Objects.requireNonNull(reason);
        }

        @Override
        public RelativePath path() {
            return scope;
        }
    }
}
