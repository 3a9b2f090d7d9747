package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pirsyncd.model.Batch;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;

/**
 * The coalescing rules checked against their purpose: random histories of changes on a small
 * tree, reported the way the watch tree reports them, batches applied to a destination exactly
 * as the {@link Batch} contract says, runs interleaved with changes and reading the source at
 * random moments, failed runs that did a random part of their work; after a last run the
 * destination must equal the source.
 */
class PendingSetModelTest {
    private static final String[] NAMES = {"a", "b", "c"};
    private static final int SEEDS = 2000;
    private static final int STEPS = 40;
    private static final int SHORT_SEEDS = 20_000;
    private static final int SHORT_STEPS = 8;

    @Test
    @Timeout(120)
    void theDestinationEqualsTheSourceAfterEveryRandomHistory() {
        for (long seed = 0; seed < SEEDS; seed++) {
            new History(seed).check();
        }
    }

    @Test
    @Timeout(120)
    void shortHistoriesConvergeToo() {
        // in a long history on a tree this small, later changes name most places again and so
        // repair what a wrong rule missed; short ones end soon after the rule mattered
        for (long seed = 0; seed < SHORT_SEEDS; seed++) {
            new History(seed, true, false, SHORT_STEPS).check();
        }
    }

    @Test
    void aRenameOutOfARescannedTreeTakesWhatTheRescanCoversAlong() {
        // too rare a sequence for the random histories to find reliably: a change nobody reported
        // below d (covered only by the tree the rescan leaves at d), then d/a renamed out of d
        History history = History.scripted();
        history.source.put("d", new ModelTree.Node(true, 0, 0, 0));
        history.source.put("d/a", new ModelTree.Node(true, 0, 0, 0));
        history.source.put("d/a/x", new ModelTree.Node(false, 1, 1, 0));
        history.mirrored();
        history.source.put("d/a/x", new ModelTree.Node(false, 1, 1, 1)); // a chmod that was missed
        history.report(new Change.Rescan(RelativePath.of("d"), "not watched"));
        history.source.rename("d/a", "e");
        history.report(new Change.Moved(RelativePath.of("d/a"), RelativePath.of("e"), EntryKind.DIRECTORY));
        history.check();
    }

    @Test
    @Timeout(120)
    void runsThatFailBeforeTheirRenamesAndHandThemBackAsRenamesStillConverge() {
        // an ssh destination that is often down when the renames start: the renames are retried as
        // renames, ahead of the ones recorded since (TransferResult.renamesRetryable)
        int retriedAsRenames = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            History history = new History(seed, true, true);
            history.check();
            retriedAsRenames += history.renamesRetried;
        }
        assertTrue(retriedAsRenames > SEEDS / 4, "too few renames retried as renames: " + retriedAsRenames);
    }

    @Test
    @Timeout(120)
    void withoutRescansOrAnOverflowingSetEveryRunIsIncrementalAndNamesFewerPlacesThanChanges() {
        // the check above would also pass if everything became a full sync: make sure it does not
        int changes = 0;
        int places = 0;
        for (long seed = 0; seed < 500; seed++) {
            History history = new History(seed, false);
            history.play();
            assertEquals(0, history.fullRuns, "seed " + seed);
            changes += history.changesReported;
            places += history.placesNamed;
        }
        assertTrue(places < changes, places + " places named for " + changes + " changes");
    }

    private static final class History {
        private final long seed;
        private final SplittableRandom random;
        private final ModelTree source = new ModelTree();
        private ModelTree destination;
        private final PendingSet pending;
        private final List<String> log = new ArrayList<>();
        private int nextContent = 1;
        private final boolean rescansAndOverflows;
        private final boolean renameOutages;
        private final int steps;
        int fullRuns;
        int renamesRetried;
        int changesReported;
        int placesNamed;

        History(long seed) {
            this(seed, true, false);
        }

        History(long seed, boolean rescansAndOverflows) {
            this(seed, rescansAndOverflows, false);
        }

        History(long seed, boolean rescansAndOverflows, boolean renameOutages) {
            this(seed, rescansAndOverflows, renameOutages, STEPS);
        }

        History(long seed, boolean rescansAndOverflows, boolean renameOutages, int steps) {
            this.seed = seed;
            this.steps = steps;
            this.rescansAndOverflows = rescansAndOverflows;
            this.renameOutages = renameOutages;
            this.random = new SplittableRandom(seed);
            for (int i = 0; i < random.nextInt(12); i++) {
                mutate(); // initial content, already mirrored
            }
            destination = source.copy();
            log.clear();
            pending = new PendingSet(rescansAndOverflows && random.nextInt(4) == 0 ? 6 : 10_000);
        }

        /** An empty tree, mirrored, with nothing random in it: the test reports each change itself. */
        static History scripted() {
            History history = new History(0, false, false, 0);
            history.source.paths().forEach(history.source::delete);
            history.mirrored();
            return history;
        }

        /** The destination now mirrors the source (the starting point of a scripted history). */
        void mirrored() {
            destination = source.copy();
            log.clear();
        }

        /** The watch tree reports {@code change}, with no run in flight. */
        void report(Change change) {
            log.add(change.toString());
            pending.add(change, InFlight.NONE);
        }

        void check() {
            play();
            for (int settle = 0; settle < 3 && !pending.isEmpty(); settle++) {
                Batch batch = pending.take().orElseThrow();
                log.add("final run " + batch);
                apply(batch, List.of(source.copy()), Integer.MAX_VALUE);
            }
            assertTrue(pending.isEmpty());
            assertEquals(source, destination, "seed " + seed + ":\n  " + String.join("\n  ", log));
        }

        void play() {
            for (int step = 0; step < steps; step++) {
                if (random.nextInt(4) == 0) {
                    run();
                } else {
                    mutate().forEach(change -> pending.add(change, InFlight.NONE));
                }
            }
        }

        private void run() {
            Optional<Batch> taken = pending.take();
            if (taken.isEmpty()) {
                return;
            }
            Batch batch = taken.get();
            switch (batch) {
                case Batch.Full f -> fullRuns++;
                case Batch.Incremental i -> placesNamed += i.size();
            }
            log.add("run " + batch);
            // the source keeps changing while rsync reads it
            List<ModelTree> moments = new ArrayList<>();
            moments.add(source.copy());
            InFlight inFlight = InFlight.of(batch);
            for (int i = random.nextInt(3); i > 0; i--) {
                mutate().forEach(change -> pending.add(change, inFlight));
                moments.add(source.copy());
            }
            boolean fails = random.nextInt(renameOutages ? 2 : 5) == 0;
            int steps = !fails ? Integer.MAX_VALUE : renameOutages && random.nextBoolean() ? 0 : random.nextInt(6);
            apply(batch, moments, steps);
            if (fails) {
                // a run that stopped before its renames (ssh down), or while at most the first was
                // applied unseen, may hand them back as renames; half of those runs do
                boolean beforeRenames = steps == 0 || (steps == 1 && batch instanceof Batch.Incremental i
                        && !i.moves().isEmpty());
                boolean renamesRetryable = beforeRenames && (renameOutages || random.nextBoolean());
                if (renamesRetryable && batch instanceof Batch.Incremental i) {
                    renamesRetried += i.moves().size();
                }
                log.add("  ...failed after " + steps + " steps" + (renamesRetryable ? ", renames retryable" : ""));
                pending.absorbFailed(batch, renamesRetryable);
            }
        }

        /**
         * Applies at most {@code steps} steps of the batch, each reading the source at a later-or-same
         * moment. As RsyncTransfer does: the renames first; one the destination cannot do is skipped
         * and its old name joins the paths, its new name the paths (a file) or the trees (a
         * directory); then the paths, then the trees.
         */
        private void apply(Batch batch, List<ModelTree> moments, int steps) {
            int[] moment = {0};
            IntFunction<ModelTree> at = ignored -> {
                moment[0] = Math.min(moments.size() - 1, moment[0] + random.nextInt(2));
                return moments.get(moment[0]);
            };
            int budget = steps;
            switch (batch) {
                case Batch.Full full -> {
                    List<String> everything = new ArrayList<>(destination.paths());
                    moments.forEach(m -> everything.addAll(m.paths()));
                    everything.sort((a, b) -> Integer.compare(ModelTree.depth(a), ModelTree.depth(b)));
                    for (String path : everything.stream().distinct().toList()) {
                        if (budget-- <= 0) {
                            return;
                        }
                        syncPath(at.apply(0), path);
                    }
                }
                case Batch.Incremental incremental -> {
                    TreeSet<RelativePath> paths = new TreeSet<>(incremental.paths());
                    TreeSet<RelativePath> trees = new TreeSet<>(incremental.trees());
                    for (Move move : incremental.moves()) {
                        if (budget-- <= 0) {
                            return;
                        }
                        if (!rename(move)) {
                            paths.add(move.from());
                            (move.kind() == EntryKind.FILE ? paths : trees).add(move.to());
                        }
                    }
                    for (RelativePath path : paths) {
                        if (budget-- <= 0) {
                            return;
                        }
                        syncPath(at.apply(0), name(path));
                    }
                    for (RelativePath tree : trees) {
                        if (budget-- <= 0) {
                            return;
                        }
                        syncTree(at.apply(0), name(tree));
                    }
                }
            }
        }

        /** A rename as rename(2) does it; false if the destination cannot do it (the Transfer then skips it). */
        private boolean rename(Move move) {
            String from = name(move.from());
            String to = name(move.to());
            if (!destination.exists(from) || !destination.isDirectory(ModelTree.parent(to)) || ModelTree.within(to, from)) {
                return false;
            }
            if (destination.exists(to)) {
                boolean sameKind = destination.get(from).directory() == destination.get(to).directory();
                if (!sameKind || (destination.get(to).directory() && destination.hasChildren(to))) {
                    return false;
                }
            }
            destination.rename(from, to);
            return true;
        }

        /** rsync -a -R --delete-missing-args on one entry, not recursive. */
        private void syncPath(ModelTree from, String path) {
            ModelTree.Node node = from.get(path);
            if (node == null) {
                destination.delete(path);
                return;
            }
            createParents(from, path);
            if (!node.directory() || !destination.isDirectory(path)) {
                destination.delete(path);
            }
            destination.put(path, node);
        }

        /**
         * rsync -a -R -r --delete on one subtree: a file whose size and mtime match is left as it
         * is (the quick check), everything else is copied, extra entries deleted.
         */
        private void syncTree(ModelTree from, String path) {
            if (!from.exists(path)) {
                destination.delete(path);
                return;
            }
            createParents(from, path);
            java.util.Map<String, ModelTree.Node> before = new java.util.HashMap<>();
            destination.subtree(path).forEach(found -> before.put(found, destination.get(found)));
            destination.copySubtree(from, path);
            for (String found : from.subtree(path)) {
                ModelTree.Node wanted = from.get(found);
                ModelTree.Node had = before.get(found);
                if (!wanted.directory() && had != null && !had.directory() && had.stamp() == wanted.stamp()) {
                    destination.put(found, new ModelTree.Node(false, had.content(), had.stamp(), wanted.attributes()));
                }
            }
        }

        private void createParents(ModelTree from, String path) {
            List<String> parents = new ArrayList<>();
            for (String up = ModelTree.parent(path); !up.isEmpty(); up = ModelTree.parent(up)) {
                parents.add(0, up);
            }
            for (String parent : parents) {
                if (!destination.isDirectory(parent)) {
                    destination.delete(parent);
                    destination.put(parent, from.get(parent));
                }
            }
        }

        private static String name(RelativePath path) {
            return path.toString();
        }

        // ---- the source changing, reported as the watch tree reports it

        private List<Change> mutate() {
            for (int attempt = 0; attempt < 50; attempt++) {
                List<Change> changes = tryMutation(randomPath(), randomPath());
                if (!changes.isEmpty()) {
                    changesReported += changes.size();
                    log.add(changes.toString());
                    return changes;
                }
            }
            return List.of();
        }

        private ModelTree.Node newFile() {
            int content = nextContent++;
            return new ModelTree.Node(false, content, content, 0);
        }

        private String randomPath() {
            List<String> existing = source.paths();
            if (!existing.isEmpty() && random.nextBoolean()) {
                return existing.get(random.nextInt(existing.size())); // changes hit what is there more often
            }
            StringBuilder path = new StringBuilder(NAMES[random.nextInt(NAMES.length)]);
            for (int depth = random.nextInt(3); depth > 0; depth--) {
                path.append('/').append(NAMES[random.nextInt(NAMES.length)]);
            }
            return path.toString();
        }

        private List<Change> tryMutation(String path, String other) {
            boolean exists = source.exists(path);
            boolean parentIsDirectory = source.isDirectory(ModelTree.parent(path));
            int kind = random.nextInt(41);
            if (kind == 40 && rescansAndOverflows) {
                return List.of(new Change.Rescan(RelativePath.ROOT, "overflow"));
            }
            if (kind == 39 && rescansAndOverflows) {
                return missedBelow(path);
            }
            switch (kind % 8) {
                case 0 -> { // create a file (or move one in from outside)
                    if (exists || !parentIsDirectory) {
                        return List.of();
                    }
                    source.put(path, newFile());
                    return List.of(new Change.Created(p(path), EntryKind.FILE));
                }
                case 1 -> { // a directory appears, maybe with content already in it
                    if (exists || !parentIsDirectory) {
                        return List.of();
                    }
                    source.put(path, new ModelTree.Node(true, 0, 0, 0));
                    if (random.nextBoolean()) {
                        source.put(path + "/" + NAMES[random.nextInt(NAMES.length)],
                                newFile());
                    }
                    return List.of(new Change.Created(p(path), EntryKind.DIRECTORY));
                }
                case 2, 3 -> { // write
                    if (!exists || source.isDirectory(path)) {
                        return List.of();
                    }
                    ModelTree.Node node = source.get(path);
                    // a write within the same second that keeps the size leaves the quick check blind
                    int stamp = random.nextInt(3) == 0 ? node.stamp() : nextContent++;
                    source.put(path, new ModelTree.Node(false, nextContent++, stamp, node.attributes()));
                    return List.of(new Change.Modified(p(path), EntryKind.FILE));
                }
                case 4 -> { // chmod
                    if (!exists) {
                        return List.of();
                    }
                    ModelTree.Node node = source.get(path);
                    source.put(path, new ModelTree.Node(node.directory(), node.content(), node.stamp(),
                            node.attributes() + 1));
                    return List.of(new Change.AttributesChanged(p(path), kindOf(node)));
                }
                case 5 -> { // rm -r (children reported first) or a move out of the tree
                    if (!exists) {
                        return List.of();
                    }
                    List<Change> changes = new ArrayList<>();
                    if (random.nextBoolean()) {
                        List<String> below = source.subtree(path);
                        for (int i = below.size() - 1; i > 0; i--) {
                            changes.add(new Change.Deleted(p(below.get(i)), kindOf(source.get(below.get(i)))));
                        }
                    }
                    changes.add(new Change.Deleted(p(path), kindOf(source.get(path))));
                    source.delete(path);
                    return changes;
                }
                case 6, 7 -> { // rename inside the tree
                    if (!exists || path.equals(other) || ModelTree.within(other, path) || ModelTree.within(path, other)
                            || !source.isDirectory(ModelTree.parent(other))) {
                        return List.of();
                    }
                    if (source.exists(other)) {
                        boolean sameKind = source.get(other).directory() == source.get(path).directory();
                        if (!sameKind || source.hasChildren(other)) {
                            return List.of();
                        }
                    }
                    EntryKind entryKind = kindOf(source.get(path));
                    source.rename(path, other);
                    return List.of(new Change.Moved(p(path), p(other), entryKind));
                }
                default -> throw new AssertionError(kind);
            }
        }

        /**
         * Changes below a directory that were never reported (a part the watcher could not watch),
         * then the rescan that says so: a chmod, or a new file (with a new size and mtime, since a
         * tree's quick check cannot see anything else; see the README's known limits).
         */
        private List<Change> missedBelow(String directory) {
            if (!source.isDirectory(directory) || directory.isEmpty()) {
                return List.of();
            }
            List<String> below = source.subtree(directory);
            String victim = below.get(random.nextInt(below.size()));
            ModelTree.Node node = source.get(victim);
            String created = victim + "/" + NAMES[random.nextInt(NAMES.length)];
            if (node.directory() && !source.exists(created) && random.nextBoolean()) {
                source.put(created, newFile());
            } else {
                source.put(victim, new ModelTree.Node(node.directory(), node.content(), node.stamp(),
                        node.attributes() + 1));
            }
            return List.of(new Change.Rescan(p(directory), "not watched"));
        }

        private static EntryKind kindOf(ModelTree.Node node) {
            return node.directory() ? EntryKind.DIRECTORY : EntryKind.FILE;
        }

        private static RelativePath p(String path) {
            return RelativePath.of(path);
        }
    }
}
