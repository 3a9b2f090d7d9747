package pirsyncd.watch;

import java.util.Arrays;

/**
 * The subdirectories of a directory that has more than {@link Node#LIST_LIMIT} of them, by name.
 * Smaller directories (nearly all) keep their children in a list linked through the nodes, which
 * costs nothing extra; this costs a slot per child.
 *
 * <p>Nodes do not cache their name's hash (it would make every node 8 bytes bigger, see
 * {@link Node}): a lookup hashes its key once ({@link Node.Name}), and the names of the nodes in
 * the table are hashed again only when the table is resized or a removal shifts them.
 */
final class ChildTable extends NodeTable {
    ChildTable() {
        super(16);
    }

    /** The child named {@code name}, or null. */
    Node get(Node.Name name) {
        for (int slot = home(name.hashCode()); ; slot = next(slot)) {
            Node node = at(slot);
            if (node == null || Arrays.equals(node.name(), name.bytes())) {
                return node;
            }
        }
    }

    @Override
    int keyHash(Node node) {
        return Arrays.hashCode(node.name());
    }

    @Override
    boolean sameKey(Node a, Node b) {
        return Arrays.equals(a.name(), b.name());
    }
}
