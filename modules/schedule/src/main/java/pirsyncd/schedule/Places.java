package pirsyncd.schedule;

import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import pirsyncd.model.RelativePath;

/**
 * Subtrees of sorted collections of places. Places sort by their bytes, so everything strictly
 * below {@code top} sorts after {@code top} and before {@code top + "0"} ('0' is the byte after
 * '/'); that range also holds siblings such as {@code top-1} ('-' sorts before '/'), which are
 * filtered out.
 */
final class Places {
    private Places() {}

    /** True if {@code set} holds a place strictly below {@code top}. */
    static boolean hasAnyBelow(NavigableSet<RelativePath> set, RelativePath top) {
        if (top.isRoot()) {
            return !set.isEmpty();
        }
        for (RelativePath candidate : set.subSet(top, false, end(top), false)) {
            if (candidate.isWithin(top)) {
                return true;
            }
        }
        return false;
    }

    /** Removes the places strictly below {@code top} (and {@code top}, if {@code inclusive}) from {@code set}. */
    static void removeSubtree(NavigableSet<RelativePath> set, RelativePath top, boolean inclusive) {
        if (top.isRoot()) {
            set.clear();
            return;
        }
        set.subSet(top, inclusive, end(top), false).removeIf(candidate -> candidate.isWithin(top));
    }

    /** Removes and returns the entries strictly below {@code top} (and at it, if {@code inclusive}). */
    static <V> SortedMap<RelativePath, V> removeSubtree(NavigableMap<RelativePath, V> map, RelativePath top,
            boolean inclusive) {
        TreeMap<RelativePath, V> removed = new TreeMap<>();
        SortedMap<RelativePath, V> range = top.isRoot() ? map : map.subMap(top, inclusive, end(top), false);
        range.forEach((place, value) -> {
            if (place.isWithin(top)) {
                removed.put(place, value);
            }
        });
        removed.keySet().forEach(map::remove);
        return removed;
    }

    private static RelativePath end(RelativePath top) {
        byte[] bytes = top.toBytes();
        byte[] bound = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        bound[bytes.length] = '0';
        return RelativePath.of(bound);
    }
}
