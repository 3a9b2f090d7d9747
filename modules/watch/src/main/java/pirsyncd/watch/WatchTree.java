package pirsyncd.watch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import pirsyncd.model.RelativePath;

/**
 * The directories below the source root as a tree of {@link Node}s, with the map from watch
 * descriptor to node and the set of directories that could not be watched. Pure bookkeeping: it
 * makes no syscalls, so the reader thread decides when the kernel is asked.
 *
 * <p>Owned by the watcher's reader thread; not thread-safe.
 */
final class WatchTree {
    private final Node root = new Node();
    private final NodesByWd byWd = new NodesByWd();
    // insertion-ordered so the periodic rescans go out in a stable order
    private final Set<Node> unwatched = new LinkedHashSet<>();

    Node root() {
        return root;
    }

    /** The node watched under {@code wd}, or null if the descriptor is not (or no longer) ours. */
    Node byWd(int wd) {
        return byWd.get(wd);
    }

    int watchedCount() {
        return byWd.size();
    }

    /** Slots in the descriptor index now, for the footprint estimate. */
    int descriptorIndexCapacity() {
        return byWd.capacity();
    }

    /** Records that {@code node} is now watched under {@code wd}. */
    void watched(Node node, int wd) {
        if (node.wd != wd) {
            byWd.remove(node); // the index reads the descriptor from the node: out while it changes
            node.wd = wd;
        }
        // the kernel hands out the same wd for an inode it already watches (a hard-linked or
        // bind-mounted directory seen twice); the later node wins, as the kernel's events will name it
        byWd.put(node);
        unwatched.remove(node);
    }

    /** Records that {@code node} could not be watched (watch limit), so its subtree is covered by rescans. */
    void markUnwatched(Node node) {
        unwatched.add(node);
    }

    /** Forgets the watch {@code wd} (IN_IGNORED: the kernel already dropped it). */
    void forgetWd(int wd) {
        Node node = byWd.get(wd);
        if (node != null) {
            byWd.remove(node);
            node.wd = Node.UNWATCHED;
        }
    }

    /** The unwatched directories, as paths now. */
    List<RelativePath> unwatchedPaths() {
        List<RelativePath> paths = new ArrayList<>(unwatched.size());
        for (Node node : unwatched) {
            paths.add(pathOf(node));
        }
        return paths;
    }

    boolean hasUnwatched() {
        return !unwatched.isEmpty();
    }

    Collection<Node> unwatchedNodes() {
        return List.copyOf(unwatched);
    }

    /**
     * Removes {@code node} and its subtree; returns the watch descriptors that were in use there,
     * for the caller to remove from the kernel if the kernel has not done so already.
     */
    List<Integer> removeSubtree(Node node) {
        List<Integer> wds = new ArrayList<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty()) {
            Node current = pending.pop();
            if (current.wd != Node.UNWATCHED) {
                wds.add(current.wd);
                byWd.remove(current); // only if it is the one indexed: see watched()
                current.wd = Node.UNWATCHED;
            }
            unwatched.remove(current);
            current.forEachChild(pending::push);
        }
        node.detach();
        return wds;
    }

    /**
     * Forgets the watches of {@code node} and everything below it and drops its children, but
     * keeps {@code node} itself in place (unwatched), ready to be walked again; returns the
     * descriptors that were in use.
     */
    List<Integer> removeSubtreeKeeping(Node node) {
        List<Integer> wds = new ArrayList<>();
        if (node.wd != Node.UNWATCHED) {
            wds.add(node.wd);
            byWd.remove(node);
            node.wd = Node.UNWATCHED;
        }
        unwatched.remove(node);
        List<Node> children = new ArrayList<>(); // removing them changes the node's children
        node.forEachChild(children::add);
        for (Node child : children) {
            wds.addAll(removeSubtree(child));
        }
        return wds;
    }

    /** The node's path below the root, built from the names on the way up. */
    RelativePath pathOf(Node node) {
        int length = -1;
        for (Node n = node; n != root; n = n.parent()) {
            if (n == null) {
                throw new IllegalStateException("node is detached from the tree: " + RelativePath.escape(node.name()));
            }
            length += n.name().length + 1;
        }
        if (length < 0) {
            return RelativePath.ROOT;
        }
        byte[] bytes = new byte[length];
        int end = length;
        for (Node n = node; n != root; n = n.parent()) {
            byte[] name = n.name();
            end -= name.length;
            System.arraycopy(name, 0, bytes, end, name.length);
            if (end > 0) {
                bytes[--end] = '/';
            }
        }
        return RelativePath.of(bytes);
    }

    /** True while the node is still part of the tree (not removed or moved out). */
    boolean isAttached(Node node) {
        Node n = node;
        while (n != null && n != root) {
            n = n.parent();
        }
        return n == root;
    }

    /** The absolute path of {@code node} as raw bytes, for the syscalls. */
    byte[] absolutePath(byte[] rootBytes, Node node) {
        if (node == root) {
            return rootBytes;
        }
        byte[] relative = pathOf(node).toBytes();
        byte[] absolute = new byte[rootBytes.length + 1 + relative.length];
        System.arraycopy(rootBytes, 0, absolute, 0, rootBytes.length);
        absolute[rootBytes.length] = '/';
        System.arraycopy(relative, 0, absolute, rootBytes.length + 1, relative.length);
        return absolute;
    }
}
