package pirsyncd.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A file tree in memory for {@link PendingSetModelTest}: paths ("a/b") to nodes, the root implicit.
 * A file's {@code content} stands for its bytes, {@code stamp} for its size and mtime (what rsync's
 * quick check compares: a write may leave it unchanged), {@code attributes} for its mode.
 */
final class ModelTree {
    record Node(boolean directory, int content, int stamp, int attributes) {}

    private final TreeMap<String, Node> nodes = new TreeMap<>();

    ModelTree copy() {
        ModelTree copy = new ModelTree();
        copy.nodes.putAll(nodes);
        return copy;
    }

    Node get(String path) {
        return nodes.get(path);
    }

    boolean exists(String path) {
        return path.isEmpty() || nodes.containsKey(path);
    }

    boolean isDirectory(String path) {
        return path.isEmpty() || (nodes.containsKey(path) && nodes.get(path).directory());
    }

    void put(String path, Node node) {
        nodes.put(path, node);
    }

    List<String> paths() {
        return new ArrayList<>(nodes.keySet());
    }

    /** The path and everything below it, shallowest first. */
    List<String> subtree(String path) {
        List<String> found = new ArrayList<>();
        for (String candidate : nodes.keySet()) {
            if (within(candidate, path)) {
                found.add(candidate);
            }
        }
        found.sort((a, b) -> Integer.compare(depth(a), depth(b)));
        return found;
    }

    boolean hasChildren(String path) {
        return nodes.keySet().stream().anyMatch(candidate -> !candidate.equals(path) && within(candidate, path));
    }

    void delete(String path) {
        subtree(path).forEach(nodes::remove);
    }

    void rename(String from, String to) {
        Map<String, Node> moving = new TreeMap<>();
        for (String path : subtree(from)) {
            moving.put(to + path.substring(from.length()), nodes.remove(path));
        }
        delete(to);
        nodes.putAll(moving);
    }

    /** Makes the subtree at {@code path} equal to {@code source}'s (deleting it if the source has none). */
    void copySubtree(ModelTree source, String path) {
        delete(path);
        for (String found : source.subtree(path)) {
            nodes.put(found, source.nodes.get(found));
        }
    }

    static boolean within(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor) || path.startsWith(ancestor + "/");
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static int depth(String path) {
        return path.isEmpty() ? 0 : (int) path.chars().filter(c -> c == '/').count() + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelTree other && nodes.equals(other.nodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes);
    }

    @Override
    public String toString() {
        return nodes.toString();
    }
}
