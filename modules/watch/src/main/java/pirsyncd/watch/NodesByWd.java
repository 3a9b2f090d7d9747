package pirsyncd.watch;

/**
 * The watched nodes by watch descriptor: the reader's lookup for every event. The descriptor is
 * read from {@link Node#wd}, so a slot is all a watch costs here (4 bytes, at 3/4 full at most),
 * where a {@code HashMap<Integer, Node>} cost an entry and a boxed key (about 60 bytes).
 *
 * <p>Not an array indexed by descriptor: the kernel hands descriptors out cyclically upwards
 * ({@code idr_alloc_cyclic} in fs/notify/inotify/inotify_user.c), so under churn they grow far
 * beyond the number of watches; a hash table stays sized by the watches there are.
 */
final class NodesByWd extends NodeTable {
    NodesByWd() {
        super(16);
    }

    /** The node watched under {@code wd}, or null. */
    Node get(int wd) {
        for (int slot = home(wd); ; slot = next(slot)) {
            Node node = at(slot);
            if (node == null || node.wd == wd) {
                return node;
            }
        }
    }

    @Override
    int keyHash(Node node) {
        return node.wd;
    }

    @Override
    boolean sameKey(Node a, Node b) {
        return a.wd == b.wd;
    }
}
