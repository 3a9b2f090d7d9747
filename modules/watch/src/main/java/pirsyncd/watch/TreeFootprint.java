package pirsyncd.watch;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An estimate of the heap the watch tree costs per watched directory, computed from what the tree
 * holds: its nodes, the lengths of their names and the sizes of their child maps and of the
 * descriptor map.
 *
 * <p>The object sizes are those of a 64-bit HotSpot JVM with compressed references and class
 * pointers (the default for heaps below 32 GiB): 12-byte headers, 4-byte references, 8-byte
 * alignment. Hash tables are assumed to have the capacity {@code HashMap} grows to for their
 * present size (they never shrink, so a map that was bigger costs more). Not counted: the
 * collector's own overhead and transient garbage. {@code BigTreeIT} compares it with the heap
 * measured on 100,001 directories (README, "Memory"); the kernel's own cost per watch (about
 * 1 KiB of unswappable memory, inotify(7)) is separate.
 *
 * <p>It walks the whole tree (a few milliseconds per 100,000 directories), so the watcher
 * computes it after a walk and then at most once a minute, not on every status snapshot.
 */
final class TreeFootprint {
    /** Node: header 12 + name, parent, children 3 x 4 + wd 4 = 28, aligned to 32. */
    static final int NODE_BYTES = 32;
    /** Node.Name: header 12 + bytes 4 + hash 4 = 20, aligned to 24. */
    static final int NAME_BYTES = 24;
    /** Array header: 12 + length 4. */
    static final int ARRAY_HEADER_BYTES = 16;
    /** HashMap.Node: header 12 + hash, key, value, next 4 x 4 = 28, aligned to 32. */
    static final int MAP_ENTRY_BYTES = 32;
    /** HashMap: header 12 + table, entrySet, keySet, values, size, modCount, threshold, loadFactor 8 x 4 = 44, aligned to 48. */
    static final int HASH_MAP_BYTES = 48;
    /** Integer: header 12 + value 4 (a descriptor above 127 is not in the Integer cache). */
    static final int BOXED_INT_BYTES = 16;

    private TreeFootprint() {}

    /** Estimated heap bytes per watched directory; 0 when nothing is watched. */
    static int bytesPerDirectory(WatchTree tree) {
        int watched = tree.watchedCount();
        if (watched == 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, totalBytes(tree) / watched);
    }

    /** Estimated heap bytes of the whole tree and its descriptor map. */
    static long totalBytes(WatchTree tree) {
        long total = HASH_MAP_BYTES + table(tree.watchedCount(), 16)
                + (long) tree.watchedCount() * (MAP_ENTRY_BYTES + BOXED_INT_BYTES);
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(tree.root());
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            total += NODE_BYTES + NAME_BYTES + array(node.name().bytes().length);
            int children = node.childCount();
            if (children > 0) {
                total += HASH_MAP_BYTES + table(children, 4) + (long) children * MAP_ENTRY_BYTES;
                node.forEachChild(pending::push);
            }
        }
        return total;
    }

    /** A HashMap's table for {@code size} entries, grown from {@code initialCapacity} at load factor 0.75. */
    static long table(int size, int initialCapacity) {
        long capacity = initialCapacity;
        while (size > capacity * 3 / 4) {
            capacity <<= 1;
        }
        return array(capacity * 4);
    }

    private static long array(long payloadBytes) {
        return (ARRAY_HEADER_BYTES + payloadBytes + 7) & ~7L;
    }
}
