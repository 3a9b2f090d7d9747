package pirsyncd.schedule;

import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import pirsyncd.model.Batch;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;

/**
 * The batch a destination's run is working on right now, as the coalescing rules need to see it:
 * while a run is in flight it may be reading any place it names from the source and writing it
 * at the destination, at any moment, so nothing there (or below a tree it names) is known to be as
 * the pending set thinks.
 *
 * <p>Owned by the destination's queue, under its lock; the index of named places is built on the
 * first change that arrives during the run, once per run.
 */
final class InFlight {
    /** No run in flight. */
    static final InFlight NONE = new InFlight(null);

    private final Batch batch;
    // every place the batch names (paths, trees, both ends of each rename); built on first use
    private TreeSet<RelativePath> places;

    private InFlight(Batch batch) {
        this.batch = batch;
    }

    /** The run of {@code batch} has started. */
    static InFlight of(Batch batch) {
        return new InFlight(Objects.requireNonNull(batch));
    }

    /** True while a run is in flight. */
    boolean running() {
        return batch != null;
    }

    /**
     * True if the run may be changing the destination at {@code place} or below it: the batch
     * names the place, one of its ancestors (a tree, a rename) or something below it, or it is a
     * full sync.
     */
    boolean mayTouch(RelativePath place) {
        return switch (batch) {
            case null -> false;
            case Batch.Full full -> true;
            case Batch.Incremental incremental -> {
                NavigableSet<RelativePath> named = places(incremental);
                for (RelativePath up = place; !up.isRoot(); up = up.parent()) {
                    if (named.contains(up)) {
                        yield true;
                    }
                }
                yield Places.hasAnyBelow(named, place);
            }
        };
    }

    private NavigableSet<RelativePath> places(Batch.Incremental incremental) {
        if (places == null) {
            places = new TreeSet<>(incremental.paths());
            places.addAll(incremental.trees());
            for (Move move : incremental.moves()) {
                places.add(move.from());
                places.add(move.to());
            }
        }
        return places;
    }
}
