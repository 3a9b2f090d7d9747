package pirsyncd.watch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One directory of the watch tree. It stores its own name once, as raw bytes, and finds its path
 * by walking up to the root, so a rename is one field change however big the subtree is.
 *
 * <p>Owned by the watcher's reader thread, like the whole tree; not thread-safe.
 */
final class Node {
    /** The watch descriptor while watched; {@link #UNWATCHED} otherwise. */
    static final int UNWATCHED = -1;

    private Name name;
    private Node parent;
    // null until the first child: most directories are leaves, and an empty map costs 48 bytes
    private Map<Name, Node> children;
    int wd = UNWATCHED;

    Node(Name name, Node parent) {
        this.name = name;
        this.parent = parent;
    }

    Name name() {
        return name;
    }

    Node parent() {
        return parent;
    }

    Node child(Name childName) {
        return children == null ? null : children.get(childName);
    }

    /** Adds (or replaces) a child directory and returns it. */
    Node addChild(Name childName) {
        if (children == null) {
            children = new HashMap<>(4);
        }
        Node child = new Node(childName, this);
        Node previous = children.put(childName, child);
        if (previous != null) {
            previous.parent = null;
        }
        return child;
    }

    /** Detaches this node (with its subtree) from its parent. */
    void detach() {
        if (parent != null && parent.children != null) {
            parent.children.remove(name, this);
        }
        parent = null;
    }

    /** Moves this node (with its subtree) under {@code newParent} as {@code newName}, replacing what was there. */
    void moveTo(Node newParent, Name newName) {
        detach();
        if (newParent.children == null) {
            newParent.children = new HashMap<>(4);
        }
        Node replaced = newParent.children.put(newName, this);
        if (replaced != null && replaced != this) {
            replaced.parent = null;
        }
        this.name = newName;
        this.parent = newParent;
    }

    Iterable<Node> children() {
        return children == null ? java.util.List.of() : children.values();
    }

    /** Calls {@code action} for each child; unlike {@link #children()} it leaves no view object behind in the map. */
    void forEachChild(java.util.function.Consumer<Node> action) {
        if (children != null) {
            children.forEach((childName, child) -> action.accept(child));
        }
    }

    int childCount() {
        return children == null ? 0 : children.size();
    }

    /** A file name as raw bytes, with the hash cached: the key of a parent's child map. */
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
