package pirsyncd.schedule;

/**
 * The coalescing table: what is pending at a place after one more event there. A pure function;
 * modules/schedule/README.md prints the same table, and {@code CombinerTest} checks every cell.
 *
 * <p>Every result must keep the batch correct on its own: a batch names places, and after a run
 * the destination equals the source at each named place. So a cell may always widen (name more,
 * compare harder); it may narrow only when the narrower sync provably covers the wider one. The
 * only cell that drops a place is "fresh, then deleted": the destination never had it and the
 * source no longer has it.
 */
final class Combiner {
    private Combiner() {}

    /**
     * @param old what was pending at the place ({@link PathState#NONE} if nothing)
     * @param event what just happened there
     * @param absenceKnown true if a place with nothing pending is known to be as absent at the
     *     destination as it was at the source, which holds when no run is in flight (an in-flight
     *     run may be sending the place right now) and no full sync is owed
     */
    static PathState combine(PathState old, PathEvent event, boolean absenceKnown) {
        return switch (event) {
            case CREATED_FILE -> switch (old) {
                case NONE -> absenceKnown ? PathState.NEW_FILE : PathState.PATH;
                case NEW_FILE, NEW_TREE -> PathState.NEW_FILE;
                // deleted then recreated: the destination still has the old entry
                case PATH -> PathState.PATH;
                case TREE, PATH_AND_TREE -> PathState.PATH_AND_TREE;
            };
            case CREATED_DIRECTORY -> switch (old) {
                case NONE -> absenceKnown ? PathState.NEW_TREE : PathState.TREE;
                case NEW_FILE, NEW_TREE -> PathState.NEW_TREE;
                // a file (or an old directory) replaced by a directory: the recursive sync replaces
                // the old entry and deletes whatever the old subtree had that the new one has not
                case PATH, TREE -> PathState.TREE;
                case PATH_AND_TREE -> PathState.PATH_AND_TREE;
            };
            case MODIFIED -> switch (old) {
                case NONE, PATH -> PathState.PATH;
                case NEW_FILE, NEW_TREE, PATH_AND_TREE -> old;
                // a tree is checked by size and mtime only; a known write is compared by content
                case TREE -> PathState.PATH_AND_TREE;
            };
            case ATTRIBUTES_CHANGED -> switch (old) {
                case NONE -> PathState.PATH;
                // rsync -a brings attributes along for every entry it looks at
                case NEW_FILE, NEW_TREE, PATH, TREE, PATH_AND_TREE -> old;
            };
            case DELETED -> switch (old) {
                // never sent, now gone: nothing to do
                case NEW_FILE, NEW_TREE -> PathState.NONE;
                // a missing place is deleted at the destination, subtree and all
                case NONE, PATH, TREE, PATH_AND_TREE -> PathState.PATH;
            };
            case FILE_MOVED_HERE -> switch (old) {
                case NONE, NEW_FILE, NEW_TREE, TREE -> PathState.TREE;
                case PATH, PATH_AND_TREE -> old;
            };
            case DIRECTORY_MOVED_HERE -> switch (old) {
                case NONE, NEW_FILE, NEW_TREE, TREE -> PathState.TREE;
                case PATH, PATH_AND_TREE -> PathState.PATH_AND_TREE;
            };
            case RESCANNED -> switch (old) {
                case NONE, TREE -> PathState.TREE;
                case NEW_FILE, NEW_TREE -> PathState.NEW_TREE;
                case PATH, PATH_AND_TREE -> PathState.PATH_AND_TREE;
            };
            // a failed run may have done part of its work: nothing is known to be absent any more
            case RETRIED_PATH -> nonFresh(old).union(PathState.PATH);
            case RETRIED_TREE -> nonFresh(old).union(PathState.TREE);
        };
    }

    /** The same obligation, without the claim that the destination has nothing there. */
    static PathState nonFresh(PathState state) {
        return switch (state) {
            case NEW_FILE -> PathState.PATH;
            case NEW_TREE -> PathState.TREE;
            case NONE, PATH, TREE, PATH_AND_TREE -> state;
        };
    }
}
