package pirsyncd.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pirsyncd.model.EntryKind;

/**
 * The IN_MOVED_FROM events still waiting for their IN_MOVED_TO, by cookie, oldest first, and
 * also found by the directory they left and (for a directory) by the moved node itself, which is
 * what {@link EventTranslator} asks when deciding whether a later event settles one of them.
 *
 * <p>Bounded by {@link #LIMIT}: at most one move waits per source directory (a second change of
 * names there settles the first, see EventTranslator), so this only fills when thousands of
 * directories each move something out within the grace time.
 *
 * <p>Owned by the reader thread, like the translator.
 */
final class PendingMoves {
    /** The most moves held at once; beyond it the oldest is settled as a move out. */
    static final int LIMIT = 4096;

    /**
     * An IN_MOVED_FROM waiting for its partner. Its path is not stored: it is built from
     * {@code parent} when the move is settled, so a rename of an ancestor meanwhile is followed.
     *
     * @param node the moved directory's node, or null for a file (or a directory not in the tree)
     */
    record Move(int cookie, Node parent, Node.Name name, EntryKind kind, Node node, long sinceNanos) {}

    private final LinkedHashMap<Integer, Move> byCookie = new LinkedHashMap<>();
    // Node keeps Object's identity equality: these are maps by identity
    private final Map<Node, Move> byParent = new HashMap<>();
    private final Map<Node, Move> byNode = new HashMap<>();

    boolean isEmpty() {
        return byCookie.isEmpty();
    }

    int size() {
        return byCookie.size();
    }

    /** Holds a move; the caller has settled any other move from the same directory or with the same cookie. */
    void add(Move move) {
        byCookie.put(move.cookie(), move);
        byParent.put(move.parent(), move);
        if (move.node() != null) {
            byNode.put(move.node(), move);
        }
    }

    /** The move with this cookie, removed; null if none waits. */
    Move take(int cookie) {
        Move move = byCookie.get(cookie);
        if (move != null) {
            remove(move);
        }
        return move;
    }

    /** Removes the move; false if it was not (or no longer) waiting. */
    boolean remove(Move move) {
        if (!move.equals(byCookie.get(move.cookie()))) {
            return false;
        }
        byCookie.remove(move.cookie());
        byParent.remove(move.parent(), move);
        if (move.node() != null) {
            byNode.remove(move.node(), move);
        }
        return true;
    }

    /** The move out of {@code directory} that waits, or null. */
    Move from(Node directory) {
        return byParent.get(directory);
    }

    /** The move of the directory {@code node} itself that waits, or null. */
    Move of(Node node) {
        return byNode.isEmpty() ? null : byNode.get(node);
    }

    /** The move that has waited longest, or null. */
    Move oldest() {
        return byCookie.isEmpty() ? null : byCookie.firstEntry().getValue();
    }

    /** Every waiting move, oldest first (a copy). */
    List<Move> all() {
        return new ArrayList<>(byCookie.values());
    }

    void clear() {
        byCookie.clear();
        byParent.clear();
        byNode.clear();
    }
}
