package pirsyncd.watch;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One directory of the watch tree. It stores its own name once, as raw bytes, and finds its path
 * by walking up to the root, so a rename is one re-link however big the subtree is.
 *
 * <p>A node is what a watched directory costs, so it is kept to 32 bytes (a 12-byte header and
 * five 4-byte fields with compressed references): no name object and no cached hash (either
 * would make it 40), and no map per directory. A directory's subdirectories are a list linked
 * through {@link #nextSibling} while there are at most {@link #LIST_LIMIT} (most directories have
 * a few or none: a lookup compares at most 8 names, and a leaf costs nothing); beyond that a
 * {@link ChildTable} finds them by name in constant time. Either way adding, removing and
 * re-linking a child is constant time, so a rename re-parents a whole subtree at once.
 *
 * <p>Owned by the watcher's reader thread, like the whole tree; not thread-safe.
 */
final class Node {
    /** The watch descriptor while watched; {@link #UNWATCHED} otherwise. */
    static final int UNWATCHED = -1;

    /** The most children kept in a list; the next one moves them into a {@link ChildTable}. */
    static final int LIST_LIMIT = 8;

    private byte[] name;
    private Node parent;
    // the next child of the same parent, while the parent keeps its children in a list
    private Node nextSibling;
    // null (no subdirectories), the first of a list of at most LIST_LIMIT (a Node), or a
    // ChildTable: one field for both, as a second one would make every node 8 bytes bigger
    private Object children;
    /**
     * The watch descriptor, or {@link #UNWATCHED}. Written only by {@link WatchTree}, which keeps
     * its descriptor index in step (the index reads the descriptor from here).
     */
    int wd = UNWATCHED;

    /** The root: no name, no parent. */
    Node() {
        this(new byte[0]);
    }

    private Node(byte[] name) {
        this.name = name;
    }

    /** The name as raw bytes, not copied: do not change them. */
    byte[] name() {
        return name;
    }

    Node parent() {
        return parent;
    }

    Node child(Name childName) {
        if (children instanceof ChildTable table) {
            return table.get(childName);
        }
        for (Node child = firstChild(); child != null; child = child.nextSibling) {
            if (Arrays.equals(child.name, childName.bytes())) {
                return child;
            }
        }
        return null;
    }

    /** Adds (or replaces) a child directory and returns it. */
    Node addChild(Name childName) {
        Node child = new Node(childName.bytes());
        link(child, childName);
        return child;
    }

    /** Detaches this node (with its subtree) from its parent. */
    void detach() {
        if (parent != null) {
            parent.unlink(this);
            parent = null;
        }
    }

    /** Moves this node (with its subtree) under {@code newParent} as {@code newName}, replacing what was there. */
    void moveTo(Node newParent, Name newName) {
        detach();
        name = newName.bytes(); // while in no table: a ChildTable reads the name as its key
        newParent.link(this, newName);
    }

    /** Calls {@code action} for each child; the action must not add or remove children here. */
    void forEachChild(Consumer<Node> action) {
        if (children instanceof ChildTable table) {
            table.forEach(action);
            return;
        }
        for (Node child = firstChild(); child != null; child = child.nextSibling) {
            action.accept(child);
        }
    }

    int childCount() {
        if (children instanceof ChildTable table) {
            return table.size();
        }
        int count = 0;
        for (Node child = firstChild(); child != null; child = child.nextSibling) {
            count++;
        }
        return count;
    }

    /** The child table when this directory has more than {@link #LIST_LIMIT} children; else null. */
    ChildTable childTable() {
        return children instanceof ChildTable table ? table : null;
    }

    private Node firstChild() {
        return children instanceof Node first ? first : null;
    }

    /** Makes {@code child} (named {@code childName}) a child of this node; a child of that name leaves the tree. */
    private void link(Node child, Name childName) {
        Node replaced = child(childName);
        if (replaced != null) {
            replaced.detach();
        }
        child.parent = this;
        if (children instanceof ChildTable table) {
            table.put(child);
        } else if (childCount() < LIST_LIMIT) {
            push(child);
        } else {
            ChildTable table = new ChildTable();
            for (Node sibling = firstChild(); sibling != null; ) {
                Node next = sibling.nextSibling;
                sibling.nextSibling = null;
                table.put(sibling);
                sibling = next;
            }
            table.put(child);
            children = table;
        }
    }

    private void unlink(Node child) {
        if (children instanceof ChildTable table) {
            table.remove(child);
            if (table.size() <= LIST_LIMIT / 2) { // back to a list, well below the limit so a few
                children = null;                  // creations and deletions do not flip it each time
                table.forEach(this::push);
            }
            return;
        }
        if (children == child) {
            children = child.nextSibling;
        } else {
            for (Node previous = firstChild(); previous != null; previous = previous.nextSibling) {
                if (previous.nextSibling == child) {
                    previous.nextSibling = child.nextSibling;
                    break;
                }
            }
        }
        child.nextSibling = null;
    }

    private void push(Node child) {
        child.nextSibling = firstChild();
        children = child;
    }

    /**
     * A file name as raw bytes with its hash computed once: the key to look up, add and rename
     * children. The node keeps only the bytes.
     */
    static final class Name {
        private final byte[] bytes;
        private final int hash;

        Name(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        byte[] bytes() {
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Name other && hash == other.hash && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return pirsyncd.model.RelativePath.escape(bytes);
        }
    }
}
