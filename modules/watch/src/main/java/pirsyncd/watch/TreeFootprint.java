package pirsyncd.watch;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An estimate of the heap the watch tree costs per watched directory, computed from what the tree
 * holds: its nodes, the lengths of their names, the child tables of big directories and the
 * descriptor index, each table at the capacity it has now.
 *
 * <p>The object sizes are those of a 64-bit HotSpot JVM with compressed references and class
 * pointers (the default for heaps below 32 GiB): 12-byte headers, 4-byte references, 8-byte
 * alignment. Not counted: the collector's own overhead and transient garbage. {@code BigTreeIT}
 * compares it with the heap measured on 100,001 directories (README, "Memory"); the kernel's own
 * cost per watch (about 1 KiB of unswappable memory, inotify(7)) is separate.
 *
 * <p>It walks the whole tree (a few milliseconds per 100,000 directories), so the watcher
 * computes it after a walk and then at most once a minute, not on every status snapshot.
 */
final class TreeFootprint {
    /** Node: header 12 + name, parent, nextSibling, children 4 x 4 + wd 4 = 32. */
    static final int NODE_BYTES = 32;
    /** Array header: 12 + length 4. */
    static final int ARRAY_HEADER_BYTES = 16;
    /** A NodeTable (NodesByWd, ChildTable): header 12 + minimumCapacity, slots, size 3 x 4 = 24. */
    static final int TABLE_BYTES = 24;

    private TreeFootprint() {}

    /** Estimated heap bytes per watched directory; 0 when nothing is watched. */
    static int bytesPerDirectory(WatchTree tree) {
        int watched = tree.watchedCount();
        if (watched == 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, totalBytes(tree) / watched);
    }

    /** Estimated heap bytes of the whole tree and its descriptor index. */
    static long totalBytes(WatchTree tree) {
        long total = table(tree.descriptorIndexCapacity());
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(tree.root());
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            total += NODE_BYTES + array(node.name().length);
            ChildTable children = node.childTable();
            if (children != null) {
                total += table(children.capacity());
            }
            node.forEachChild(pending::push);
        }
        return total;
    }

    /** A NodeTable with {@code capacity} slots: the object and its array of references. */
    static long table(int capacity) {
        return TABLE_BYTES + array(4L * capacity);
    }

    private static long array(long payloadBytes) {
        return (ARRAY_HEADER_BYTES + payloadBytes + 7) & ~7L;
    }
}
