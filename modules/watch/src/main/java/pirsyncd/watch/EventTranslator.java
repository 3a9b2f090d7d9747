package pirsyncd.watch;

import static pirsyncd.inotify.InotifyMask.IN_ATTRIB;
import static pirsyncd.inotify.InotifyMask.IN_CLOSE_WRITE;
import static pirsyncd.inotify.InotifyMask.IN_CREATE;
import static pirsyncd.inotify.InotifyMask.IN_DELETE;
import static pirsyncd.inotify.InotifyMask.IN_DELETE_SELF;
import static pirsyncd.inotify.InotifyMask.IN_IGNORED;
import static pirsyncd.inotify.InotifyMask.IN_ISDIR;
import static pirsyncd.inotify.InotifyMask.IN_MODIFY;
import static pirsyncd.inotify.InotifyMask.IN_MOVED_FROM;
import static pirsyncd.inotify.InotifyMask.IN_MOVED_TO;
import static pirsyncd.inotify.InotifyMask.IN_MOVE_SELF;
import static pirsyncd.inotify.InotifyMask.IN_Q_OVERFLOW;
import static pirsyncd.inotify.InotifyMask.IN_UNMOUNT;

import java.io.IOException;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;
import pirsyncd.inotify.InotifyEvent;
import pirsyncd.inotify.InotifyMask;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.ExcludeRules;
import pirsyncd.model.RelativePath;

/**
 * Turns raw inotify events into {@link Change}s and keeps the {@link WatchTree} in step: new
 * directories are watched and walked at once, renames move nodes, deletions and moves out drop
 * them.
 *
 * <p>Contract for consumers: a {@code Created(DIRECTORY)} means "send this whole subtree"; what the
 * walk of the new directory finds already inside is not reported separately, and what inotify
 * reports inside it later may arrive as further changes that the scheduler absorbs into the
 * pending tree.
 *
 * <p>Move pairing follows the kernel's order: the IN_MOVED_TO of a rename is queued right after
 * its IN_MOVED_FROM (fs/notify: fsnotify_move), so an IN_MOVED_FROM is paired only with the event
 * that follows it; when it is the last event of a read, it is held for at most a short grace time
 * for the next read (the pair may straddle the read buffer). An IN_MOVED_FROM left unpaired is a
 * move out of the tree: its subtree's watches are removed and a Deleted is reported.
 *
 * <p>Owned by the reader thread; never throws from {@link #onEvent}.
 */
final class EventTranslator {
    private static final TaggedLogger LOG = Logger.tag("watch");

    private final Walker walker;
    private final ExcludeRules excludes;
    private final boolean logEvents;
    private final boolean pathDependentExcludes;
    private final ChangeBatch batch = new ChangeBatch();
    private WatchTree tree;
    private PendingMove pending;
    private long eventsRead;
    private boolean overflowed;
    private String rootLost;

    /** An IN_MOVED_FROM waiting for its IN_MOVED_TO. */
    private record PendingMove(Node parent, Node.Name name, RelativePath path, EntryKind kind, boolean excluded,
            int cookie, long sinceNanos) {}

    EventTranslator(WatchTree tree, Walker walker, ExcludeRules excludes, boolean logEvents) {
        this.tree = tree;
        this.walker = walker;
        this.excludes = excludes;
        this.logEvents = logEvents;
        this.pathDependentExcludes = hasPathDependentPatterns(excludes);
    }

    WatchTree tree() {
        return tree;
    }

    void replaceTree(WatchTree fresh) {
        this.tree = fresh;
        this.pending = null;
    }

    ChangeBatch batch() {
        return batch;
    }

    long eventsRead() {
        return eventsRead;
    }

    /** True once since the last call if IN_Q_OVERFLOW was read. */
    boolean takeOverflow() {
        boolean was = overflowed;
        overflowed = false;
        return was;
    }

    /** Why the root's watch ended, once since the last call; null if it did not. */
    String takeRootLost() {
        String was = rootLost;
        rootLost = null;
        return was;
    }

    /** Nanoseconds since a held IN_MOVED_FROM was read, or -1 if none is held. */
    long pendingMoveAgeNanos(long nowNanos) {
        return pending == null ? -1 : nowNanos - pending.sinceNanos();
    }

    /** The held IN_MOVED_FROM found no partner: it moved out of the tree. */
    void expirePendingMove() {
        PendingMove move = pending;
        pending = null;
        if (move == null) {
            return;
        }
        if (move.kind() == EntryKind.DIRECTORY) {
            Node node = move.parent().child(move.name());
            if (node != null) {
                removeWatches(node);
            }
        }
        if (!move.excluded()) {
            batch.add(new Change.Deleted(move.path(), move.kind()));
        }
    }

    /** Handles one event; a failure is logged and turned into a rescan of the place it concerned. */
    void onEvent(InotifyEvent event) {
        eventsRead++;
        try {
            handle(event);
        } catch (IOException | RuntimeException e) {
            LOG.error("could not follow {}: {}; rescanning everything", event, e.toString());
            overflowed = true;
        }
    }

    private void handle(InotifyEvent event) throws IOException {
        if (pending != null && !(event.is(IN_MOVED_TO) && event.cookie() == pending.cookie())) {
            expirePendingMove();
        }
        if (event.is(IN_Q_OVERFLOW)) {
            LOG.warn("inotify queue overflowed (fs.inotify.max_queued_events); rescanning everything");
            overflowed = true;
            return;
        }
        Node dir = tree.byWd(event.wd());
        if (logEvents) {
            LOG.debug("event {} in {}", InotifyMask.describe(event.mask()) + " " + RelativePath.escape(event.name()),
                    dir == null ? "(unknown wd " + event.wd() + ")" : tree.isAttached(dir) ? tree.pathOf(dir) : "(detached)");
        }
        if (dir == null || !tree.isAttached(dir)) {
            return; // a watch we already dropped; its IN_IGNORED and late events are expected
        }
        if (event.is(IN_IGNORED)) {
            tree.forgetWd(event.wd());
            if (dir == tree.root()) {
                lose("its watch ended");
            } else {
                // the kernel dropped a watch we did not remove (a file system below the root was
                // unmounted, or the directory is going): cover it by rescans until the parent's
                // IN_DELETE or a retry settles it
                tree.markUnwatched(dir);
            }
            return;
        }
        if (!event.hasName()) {
            onSelfEvent(event, dir);
            return;
        }
        if (rootLost != null) {
            return;
        }
        EntryKind kind = event.is(IN_ISDIR) ? EntryKind.DIRECTORY : EntryKind.FILE;
        Node.Name name = new Node.Name(event.name());
        RelativePath path = tree.pathOf(dir).resolve(event.name());
        boolean excluded = excludes.excludesEntry(path, kind);
        int mask = event.mask();
        if ((mask & IN_MOVED_FROM) != 0) {
            pending = new PendingMove(dir, name, path, kind, excluded, event.cookie(), System.nanoTime());
        } else if ((mask & IN_MOVED_TO) != 0) {
            PendingMove from = pending;
            pending = null;
            if (from == null) {
                appeared(dir, name, path, kind, excluded);
            } else {
                moved(from, dir, name, path, excluded);
            }
        } else if ((mask & IN_CREATE) != 0) {
            appeared(dir, name, path, kind, excluded);
        } else if ((mask & IN_DELETE) != 0) {
            Node gone = kind == EntryKind.DIRECTORY ? dir.child(name) : null;
            if (gone != null) {
                removeWatches(gone);
            }
            if (!excluded) {
                batch.add(new Change.Deleted(path, kind));
            }
        } else if ((mask & (IN_MODIFY | IN_CLOSE_WRITE)) != 0) {
            if (!excluded) {
                batch.add(new Change.Modified(path, kind));
            }
        } else if ((mask & IN_ATTRIB) != 0) {
            if (!excluded) {
                batch.add(new Change.AttributesChanged(path, kind));
            }
        }
    }

    /** Events about a watched directory itself; only the root's matter, the others' parents report them. */
    private void onSelfEvent(InotifyEvent event, Node dir) {
        if (dir != tree.root()) {
            return;
        }
        if (event.is(IN_DELETE_SELF)) {
            lose("it was deleted");
        } else if (event.is(IN_MOVE_SELF)) {
            lose("it was renamed or moved away");
        } else if (event.is(IN_UNMOUNT)) {
            lose("its file system was unmounted");
        } else if (event.is(IN_ATTRIB) && rootLost == null) {
            batch.add(new Change.AttributesChanged(RelativePath.ROOT, EntryKind.DIRECTORY));
        }
    }

    private void lose(String why) {
        if (rootLost == null) {
            rootLost = why;
        }
    }

    /** Something was created or moved in: a directory is watched and walked, then reported as one tree. */
    private void appeared(Node parent, Node.Name name, RelativePath path, EntryKind kind, boolean excluded)
            throws IOException {
        if (excluded) {
            return;
        }
        if (kind == EntryKind.DIRECTORY) {
            Node existing = parent.child(name);
            if (existing != null) {
                removeWatches(existing);
            }
            walker.walk(tree, parent.addChild(name), Long.MAX_VALUE);
        }
        batch.add(new Change.Created(path, kind));
    }

    private void moved(PendingMove from, Node toParent, Node.Name toName, RelativePath to, boolean toExcluded)
            throws IOException {
        if (from.excluded()) {
            // from an excluded place into the tree: new to us
            appeared(toParent, toName, to, from.kind(), toExcluded);
            return;
        }
        Node node = from.kind() == EntryKind.DIRECTORY ? from.parent().child(from.name()) : null;
        if (toExcluded) {
            if (node != null) {
                removeWatches(node);
            }
            batch.add(new Change.Deleted(from.path(), from.kind()));
            return;
        }
        if (from.kind() == EntryKind.DIRECTORY) {
            Node replaced = toParent.child(toName);
            if (replaced != null && replaced != node) {
                removeWatches(replaced); // rename(2) over an empty directory
            }
            if (node == null) {
                walker.walk(tree, toParent.addChild(toName), Long.MAX_VALUE);
            } else {
                node.moveTo(toParent, toName);
                if (pathDependentExcludes) {
                    resync(node);
                }
            }
        }
        batch.add(new Change.Moved(from.path(), to, from.kind()));
    }

    /** Patterns whose verdict on a directory can change when an ancestor is renamed. */
    private static boolean hasPathDependentPatterns(ExcludeRules excludes) {
        for (String pattern : excludes.patterns()) {
            String body = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (body.contains("/") || body.contains("**")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Re-walks {@code node}'s subtree against the disk without a gap: the kernel returns the
     * existing descriptor for a directory it already watches, so only watches for directories no
     * longer wanted are removed, after the new walk.
     */
    void resync(Node node) throws IOException {
        java.util.List<Integer> before = tree.removeSubtreeKeeping(node);
        walker.walk(tree, node, Long.MAX_VALUE);
        for (int wd : before) {
            if (tree.byWd(wd) == null) {
                walker.removeQuietly(wd);
            }
        }
    }

    private void removeWatches(Node node) {
        for (int wd : tree.removeSubtree(node)) {
            walker.removeQuietly(wd);
        }
    }
}
