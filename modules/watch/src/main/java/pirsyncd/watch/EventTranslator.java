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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;
import pirsyncd.inotify.InotifyEvent;
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
 * <h2>Move pairing</h2>
 *
 * An IN_MOVED_FROM is held in {@link PendingMoves} until the IN_MOVED_TO with the same cookie
 * arrives, even with other events in between and across reads; one that finds no partner within
 * {@link #MOVE_PAIRING_GRACE} is a move out of the tree: its subtree's watches are removed and a
 * Deleted is reported. The kernel queues both halves of a rename while it holds the locks of the
 * source and target directories ({@code vfs_rename} calls {@code fsnotify_move} before
 * {@code unlock_rename}); what can come between them is only what needs neither lock: a write to
 * some file, or another rename elsewhere. That knowledge settles a held move early, so a change
 * is never reported out of order with the Deleted of a move out:
 *
 * <ul>
 *   <li>a change of names in the directory the move left (IN_CREATE, IN_DELETE, IN_MOVED_*), or an
 *       event about that directory itself, needed its lock, so the rename is over and no partner
 *       is coming: the move is settled as a move out <em>before</em> that event is handled (so
 *       {@code mv f /elsewhere; touch f} is Deleted(f), then Created(f));
 *   <li>any event from a watch inside a held directory (IN_MOVE_SELF of the directory itself
 *       comes right after the pair) means it has left the tree: settled at once;
 *   <li>IN_Q_OVERFLOW settles every held move (a partner may be among the lost events).
 * </ul>
 *
 * The path of a held move is computed when it is settled, from its node, so a rename of an
 * ancestor reported meanwhile is followed ({@code Moved(a -> b)} then {@code Deleted(b/f)}); if
 * the directory it left is no longer in the tree, whatever removed that directory was already
 * reported and covers it.
 *
 * <p>Owned by the reader thread; never throws from {@link #onEvent}.
 */
final class EventTranslator {
    private static final TaggedLogger LOG = Logger.tag("watch");

    /** How long an IN_MOVED_FROM waits for its IN_MOVED_TO before it is taken as a move out. */
    static final Duration MOVE_PAIRING_GRACE = Duration.ofMillis(50);

    private final Walker walker;
    private final ExcludeRules excludes;
    // null unless debug.events is on: one line per raw event and what it became
    private final Consumer<String> eventLog;
    private final LongSupplier nanoClock;
    private final boolean pathDependentExcludes;
    private final ChangeBatch batch = new ChangeBatch();
    private final PendingMoves moves = new PendingMoves();
    private WatchTree tree;
    private long eventsRead;
    private boolean overflowed;
    private String rootLost;

    EventTranslator(WatchTree tree, Walker walker, ExcludeRules excludes, boolean logEvents) {
        this(tree, walker, excludes, logEvents ? LOG::debug : null, System::nanoTime);
    }

    /** With the event log and the clock injected (tests). */
    EventTranslator(WatchTree tree, Walker walker, ExcludeRules excludes, Consumer<String> eventLog,
            LongSupplier nanoClock) {
        this.tree = tree;
        this.walker = walker;
        this.excludes = excludes;
        this.eventLog = eventLog;
        this.nanoClock = nanoClock;
        this.pathDependentExcludes = hasPathDependentPatterns(excludes);
    }

    WatchTree tree() {
        return tree;
    }

    /** Starts over on another tree; held moves belonged to the old one and are dropped. */
    void replaceTree(WatchTree fresh) {
        this.tree = fresh;
        moves.clear();
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

    /** True while an IN_MOVED_FROM waits for its IN_MOVED_TO. */
    boolean hasPendingMoves() {
        return !moves.isEmpty();
    }

    /** When (on the translator's clock) the oldest held move expires; only if {@link #hasPendingMoves}. */
    long nextMoveExpiryNanos() {
        return moves.oldest().sinceNanos() + MOVE_PAIRING_GRACE.toNanos();
    }

    /** Settles as moves out the held IN_MOVED_FROMs that waited the whole grace time. */
    void expireDueMoves() {
        long now = nanoClock.getAsLong();
        for (PendingMoves.Move move = moves.oldest(); move != null && now - move.sinceNanos() >= MOVE_PAIRING_GRACE.toNanos();
                move = moves.oldest()) {
            settleAsMoveOut(move, "no IN_MOVED_TO within " + MOVE_PAIRING_GRACE.toMillis() + " ms");
        }
    }

    /** Settles every held IN_MOVED_FROM as a move out (before a resync or when the tree is dropped). */
    void expireAllMoves(String why) {
        for (PendingMoves.Move move : moves.all()) {
            settleAsMoveOut(move, why);
        }
    }

    /** Handles one event; a failure is logged and turned into a rescan of everything. */
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
        PendingMoves.Move partner = event.is(IN_MOVED_TO) && !moves.isEmpty() ? moves.take(event.cookie()) : null;
        if (event.is(IN_Q_OVERFLOW)) {
            expireAllMoves("the queue overflowed");
            LOG.warn("inotify queue overflowed (fs.inotify.max_queued_events); rescanning everything");
            log(event, "(the kernel queue)", "Rescan(/, inotify queue overflow)");
            overflowed = true;
            return;
        }
        Node dir = tree.byWd(event.wd());
        settleMovesBefore(event, dir);
        String where = eventLog == null ? null : EventLog.where(tree, dir, event.wd());
        int before = batch.size();
        String held = translate(event, dir, partner);
        Change.Modified updated = batch.takeUpdated();
        if (eventLog != null) {
            if (held == null && updated != null) {
                held = EventLog.describe(updated) + " (in the earlier one's place)";
            }
            eventLog.accept(held != null ? EventLog.line(event, where, held) : EventLog.line(event, where, batch.since(before)));
        }
    }

    private void log(InotifyEvent event, String where, String outcome) {
        if (eventLog != null) {
            eventLog.accept(EventLog.line(event, where, outcome));
        }
    }

    /**
     * Settles the held moves that {@code event} proves to be moves out (see the class comment),
     * so their Deleted comes before whatever the event becomes.
     */
    private void settleMovesBefore(InotifyEvent event, Node dir) {
        if (moves.isEmpty() || dir == null) {
            return;
        }
        List<PendingMoves.Move> inside = new ArrayList<>(0);
        for (Node n = dir; n != null; n = n.parent()) {
            PendingMoves.Move move = moves.of(n);
            if (move != null) {
                inside.add(move);
            }
        }
        for (PendingMoves.Move move : inside) {
            settleAsMoveOut(move, "an event came from inside it after it left");
        }
        if (needsDirectoryLock(event)) {
            PendingMoves.Move sameDirectory = moves.from(dir);
            if (sameDirectory != null) {
                settleAsMoveOut(sameDirectory, "its directory changed again before an IN_MOVED_TO came");
            }
        }
    }

    /** Events the kernel can only queue while holding the watched directory's lock (vfs: i_rwsem). */
    private static boolean needsDirectoryLock(InotifyEvent event) {
        return !event.hasName() || (event.mask() & (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)) != 0;
    }

    /** Turns one event into changes; returns a note for the event log when it added none on purpose. */
    private String translate(InotifyEvent event, Node dir, PendingMoves.Move partner) throws IOException {
        if (dir == null || !tree.isAttached(dir)) {
            if (partner != null) {
                // moved into a directory that has itself left the tree: a move out after all
                settleAsMoveOut(partner, "its IN_MOVED_TO came from a directory no longer in the tree");
            }
            return null; // a watch we already dropped; its IN_IGNORED and late events are expected
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
            return null;
        }
        if (!event.hasName()) {
            onSelfEvent(event, dir);
            return null;
        }
        if (rootLost != null) {
            return null;
        }
        EntryKind kind = event.is(IN_ISDIR) ? EntryKind.DIRECTORY : EntryKind.FILE;
        Node.Name name = new Node.Name(event.name());
        int mask = event.mask();
        if ((mask & IN_MOVED_FROM) != 0) {
            hold(new PendingMoves.Move(event.cookie(), dir, name, kind,
                    kind == EntryKind.DIRECTORY ? dir.child(name) : null, nanoClock.getAsLong()));
            return "held for its IN_MOVED_TO";
        }
        RelativePath path = tree.pathOf(dir).resolve(event.name());
        boolean excluded = excludes.excludesEntry(path, kind);
        if ((mask & IN_MOVED_TO) != 0) {
            if (partner == null) {
                appeared(dir, name, path, kind, excluded);
            } else {
                moved(partner, dir, name, path, excluded);
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
                // IN_MODIFY comes per write(2) while the file is open; IN_CLOSE_WRITE when a writer
                // closes it (inotify(7)); the scheduler may wait briefly for the close of an open one
                batch.add(new Change.Modified(path, kind, (mask & IN_CLOSE_WRITE) != 0));
            }
        } else if ((mask & IN_ATTRIB) != 0) {
            if (!excluded) {
                batch.add(new Change.AttributesChanged(path, kind));
            }
        }
        return null;
    }

    private void hold(PendingMoves.Move move) {
        PendingMoves.Move sameCookie = moves.take(move.cookie());
        if (sameCookie != null) {
            settleAsMoveOut(sameCookie, "its cookie came again"); // the kernel's u32 counter wrapped
        }
        if (moves.size() >= PendingMoves.LIMIT) {
            settleAsMoveOut(moves.oldest(), "more than " + PendingMoves.LIMIT + " moves were waiting");
        }
        moves.add(move);
    }

    /** A held IN_MOVED_FROM found no partner: it moved out of the tree. */
    private void settleAsMoveOut(PendingMoves.Move move, String why) {
        moves.remove(move); // a partner already taken by its IN_MOVED_TO is no longer there: fine
        int before = batch.size();
        Node node = move.node();
        if (node != null && move.parent().child(move.name()) == node) {
            removeWatches(node);
        }
        if (tree.isAttached(move.parent())) {
            RelativePath path = tree.pathOf(move.parent()).resolve(move.name().bytes());
            if (!excludes.excludesEntry(path, move.kind())) {
                batch.add(new Change.Deleted(path, move.kind()));
            }
        } // else: what took its directory out of the tree was reported and covers it
        if (eventLog != null) {
            eventLog.accept(EventLog.unpaired(move.cookie(), why, batch.since(before)));
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

    private void moved(PendingMoves.Move from, Node toParent, Node.Name toName, RelativePath to, boolean toExcluded)
            throws IOException {
        if (!tree.isAttached(from.parent())) {
            // the place it left is gone from the tree (and was reported so): new to us
            appeared(toParent, toName, to, from.kind(), toExcluded);
            return;
        }
        RelativePath fromPath = tree.pathOf(from.parent()).resolve(from.name().bytes());
        if (excludes.excludesEntry(fromPath, from.kind())) {
            // from an excluded place into the tree: new to us
            appeared(toParent, toName, to, from.kind(), toExcluded);
            return;
        }
        Node node = from.kind() == EntryKind.DIRECTORY ? from.parent().child(from.name()) : null;
        if (toExcluded) {
            if (node != null) {
                removeWatches(node);
            }
            batch.add(new Change.Deleted(fromPath, from.kind()));
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
        batch.add(new Change.Moved(fromPath, to, from.kind()));
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
        List<Integer> before = tree.removeSubtreeKeeping(node);
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
