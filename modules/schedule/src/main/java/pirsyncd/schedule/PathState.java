package pirsyncd.schedule;

/**
 * What is pending at one place for one destination: which kind of sync the next batch must do
 * there, and whether the destination is known to have nothing there ("fresh"), which is what
 * lets a create followed by a delete cancel out.
 */
enum PathState {
    /** Nothing pending (never stored; the table's starting and cancelled state). */
    NONE(false, false, false),
    /** Created since the last run; the destination has nothing here: sync the entry itself. */
    NEW_FILE(true, true, false),
    /** A directory created since the last run; the destination has nothing here: send it as a tree. */
    NEW_TREE(true, false, true),
    /** The destination may hold an older version: make this one entry equal, content compared. */
    PATH(false, true, false),
    /** The destination may differ anywhere below: make the subtree equal, checked by size and mtime. */
    TREE(false, false, true),
    /** Both: the entry's content compared, and its subtree made equal. */
    PATH_AND_TREE(false, true, true);

    private final boolean fresh;
    private final boolean path;
    private final boolean tree;

    PathState(boolean fresh, boolean path, boolean tree) {
        this.fresh = fresh;
        this.path = path;
        this.tree = tree;
    }

    /** True if the destination is known to have nothing at this place. */
    boolean fresh() {
        return fresh;
    }

    /** True if the place goes into the batch's {@code paths}. */
    boolean inPaths() {
        return path;
    }

    /** True if the place goes into the batch's {@code trees}. */
    boolean inTrees() {
        return tree;
    }

    /**
     * Both obligations at once, for two entries that end up naming the same place (a move onto a
     * pending place, a failed batch merged back): the destination is only known to be empty if
     * both say so.
     */
    PathState union(PathState other) {
        if (this == NONE) {
            return other;
        }
        if (other == NONE) {
            return this;
        }
        if (this == other) {
            return this;
        }
        boolean anyPath = path || other.path;
        boolean anyTree = tree || other.tree;
        if (fresh && other.fresh) {
            return anyTree ? NEW_TREE : NEW_FILE;
        }
        if (anyPath && anyTree) {
            return PATH_AND_TREE;
        }
        return anyTree ? TREE : PATH;
    }
}
