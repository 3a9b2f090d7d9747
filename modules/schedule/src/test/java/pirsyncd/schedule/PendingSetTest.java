package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pirsyncd.model.Batch;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;

class PendingSetTest {
    private final PendingSet pending = new PendingSet(1000);

    private static RelativePath p(String path) {
        return RelativePath.of(path);
    }

    private void add(Change... changes) {
        for (Change change : changes) {
            pending.add(change, InFlight.NONE);
        }
    }

    private static Change.Created createdFile(String path) {
        return new Change.Created(p(path), EntryKind.FILE);
    }

    private static Change.Created createdDir(String path) {
        return new Change.Created(p(path), EntryKind.DIRECTORY);
    }

    private static Change.Modified modified(String path) {
        return new Change.Modified(p(path), EntryKind.FILE);
    }

    private static Change.Deleted deleted(String path, EntryKind kind) {
        return new Change.Deleted(p(path), kind);
    }

    private static Change.Moved moved(String from, String to, EntryKind kind) {
        return new Change.Moved(p(from), p(to), kind);
    }

    private Batch.Incremental take() {
        return assertInstanceOf(Batch.Incremental.class, pending.take().orElseThrow());
    }

    private static Set<String> names(Set<RelativePath> paths) {
        return paths.stream().map(RelativePath::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertBatch(Batch.Incremental batch, List<Move> moves, Set<String> paths, Set<String> trees) {
        assertEquals(moves, batch.moves(), "moves");
        assertEquals(paths, names(batch.paths()), "paths");
        assertEquals(trees, names(batch.trees()), "trees");
    }

    @Test
    void createModifyModifyIsOneCreate() {
        add(createdFile("f"), modified("f"), modified("f"));
        assertBatch(take(), List.of(), Set.of("f"), Set.of());
    }

    @Test
    void createThenDeleteLeavesNothingToSend() {
        add(createdFile("f"), modified("f"), deleted("f", EntryKind.FILE));
        assertTrue(pending.isEmpty());
        assertTrue(pending.take().isEmpty());
    }

    @Test
    void aChangeUnderANewDirectoryRidesWithIt() {
        add(createdDir("d"), createdFile("d/f"), modified("d/f"), createdDir("d/e"), createdFile("d/e/g"));
        assertBatch(take(), List.of(), Set.of(), Set.of("d"));
    }

    @Test
    void deletingANewDirectoryCancelsItAndEverythingThatRodeWithIt() {
        add(createdDir("d"), createdFile("d/f"), deleted("d/f", EntryKind.FILE), deleted("d", EntryKind.DIRECTORY));
        assertTrue(pending.isEmpty());
    }

    @Test
    void aChainOfRenamesFoldsIntoOne() {
        add(moved("a", "b", EntryKind.FILE), moved("b", "c", EntryKind.FILE));
        // the folded rename no longer replaces what the destination had at b: b is deleted
        assertBatch(take(), List.of(new Move(p("a"), p("c"), EntryKind.FILE)), Set.of("b"), Set.of());
    }

    @Test
    void aRenameThereAndBackIsNoRenameAtAll() {
        add(moved("a", "b", EntryKind.FILE), moved("b", "a", EntryKind.FILE));
        // a is where it was, as it was; b may have held a file the first rename replaced
        assertBatch(take(), List.of(), Set.of("b"), Set.of());
    }

    @Test
    void aDirectoryRenamedWithNothingPendingIsOnlyTheRename() {
        // the 10,000-file directory: the rename makes the new name right, nothing is compared; a
        // destination that cannot rename syncs both names itself (the Transfer contract)
        add(moved("big", "big2", EntryKind.DIRECTORY));
        assertBatch(take(), List.of(new Move(p("big"), p("big2"), EntryKind.DIRECTORY)), Set.of(), Set.of());
    }

    @Test
    void aRenameOutOfAPendingTreeComparesItsNewName() {
        // below a rescanned tree, changes ride with it and were never recorded: nothing to carry
        add(new Change.Rescan(p("d"), "watch limit"), moved("d/sub", "e", EntryKind.DIRECTORY));
        assertBatch(take(), List.of(new Move(p("d/sub"), p("e"), EntryKind.DIRECTORY)), Set.of(), Set.of("d", "e"));
    }

    @Test
    void aRenameOfAPlaceTheRunInFlightMayBeWritingComparesItsNewName() {
        Batch running = Batch.Incremental.ofPaths(Set.of(p("d/f")));
        pending.add(moved("d", "e", EntryKind.DIRECTORY), InFlight.of(running));
        assertBatch(take(), List.of(new Move(p("d"), p("e"), EntryKind.DIRECTORY)), Set.of("d"), Set.of("e"));
        pending.add(moved("x/y", "z", EntryKind.DIRECTORY), InFlight.of(new Batch.Incremental(List.of(),
                new TreeSet<>(), new TreeSet<>(Set.of(p("x"))))));
        assertTrue(names(take().trees()).contains("z"), "a tree in flight above the old name");
        pending.add(moved("q", "r", EntryKind.DIRECTORY), InFlight.of(new Batch.Full("initial sync")));
        assertTrue(names(take().trees()).contains("r"), "a full sync in flight");
    }

    @Test
    void aRenameWhileAnUnrelatedRunIsInFlightIsOnlyTheRename() {
        Batch running = Batch.Incremental.ofPaths(Set.of(p("dx/f"), p("d-1"), p("other")));
        pending.add(moved("d", "e", EntryKind.DIRECTORY), InFlight.of(running));
        assertBatch(take(), List.of(new Move(p("d"), p("e"), EntryKind.DIRECTORY)), Set.of(), Set.of());
    }

    @Test
    void aRenameOntoANewPlaceMakesItNoLongerFresh() {
        // mkdir b; mv -T a b: the destination will hold a's content at b, so deleting b must reach it
        add(createdDir("b"), moved("a", "b", EntryKind.DIRECTORY), deleted("b", EntryKind.DIRECTORY));
        assertBatch(take(), List.of(new Move(p("a"), p("b"), EntryKind.DIRECTORY)), Set.of("b"), Set.of());
    }

    @Test
    void aRescanOfARenamedTreeStillComparesIt() {
        add(moved("a", "b", EntryKind.DIRECTORY), new Change.Rescan(p("b"), "watch limit"));
        assertBatch(take(), List.of(new Move(p("a"), p("b"), EntryKind.DIRECTORY)), Set.of(), Set.of("b"));
    }

    @Test
    void aRenameOfSomethingCreatedSinceTheLastRunIsACreateAtTheNewPlace() {
        add(createdFile("new"), modified("new"), moved("new", "there", EntryKind.FILE));
        assertBatch(take(), List.of(), Set.of("there"), Set.of());
        add(createdDir("d"), moved("d", "e", EntryKind.DIRECTORY));
        assertBatch(take(), List.of(), Set.of(), Set.of("e"));
    }

    @Test
    void aRenameCarriesThePendingChangesBelowIt() {
        add(modified("d/f"), createdFile("d/new"), moved("d", "e", EntryKind.DIRECTORY));
        assertBatch(take(), List.of(new Move(p("d"), p("e"), EntryKind.DIRECTORY)), Set.of("e/f", "e/new"), Set.of());
    }

    @Test
    void aNewFileCarriedByARenameCanStillBeCancelled() {
        add(createdFile("d/new"), moved("d", "e", EntryKind.DIRECTORY));
        assertEquals(PathState.NEW_FILE, pending.stateAt(p("e/new")));
        add(deleted("e/new", EntryKind.FILE));
        assertEquals(PathState.NONE, pending.stateAt(p("e/new")));
    }

    @Test
    void aRenameIntoANewDirectoryRidesWithItAndDeletesTheOldName() {
        add(createdDir("n"), modified("old/f"), moved("old", "n/old", EntryKind.DIRECTORY));
        assertBatch(take(), List.of(), Set.of("old"), Set.of("n"));
    }

    @Test
    void moveThenModifyIsComparedByContent() {
        add(moved("a", "b", EntryKind.FILE), modified("b"));
        assertBatch(take(), List.of(new Move(p("a"), p("b"), EntryKind.FILE)), Set.of("b"), Set.of());
    }

    @Test
    void deleteThenRecreateIsCompared() {
        add(deleted("f", EntryKind.FILE), createdFile("f"));
        assertBatch(take(), List.of(), Set.of("f"), Set.of());
        add(deleted("f", EntryKind.FILE), createdFile("f"), deleted("f", EntryKind.FILE));
        assertBatch(take(), List.of(), Set.of("f"), Set.of());
    }

    @Test
    void aFileReplacedByADirectoryIsSentAsATree() {
        add(modified("x"), deleted("x", EntryKind.FILE), createdDir("x"), createdFile("x/inner"));
        // the new content below is also compared by content, since the tree is only checked by size and mtime
        assertBatch(take(), List.of(), Set.of("x/inner"), Set.of("x"));
    }

    @Test
    void deletingADirectoryDropsThePendingEntriesBelowIt() {
        add(modified("d/a"), modified("d/e/b"), modified("dx"), deleted("d", EntryKind.DIRECTORY));
        assertBatch(take(), List.of(), Set.of("d", "dx"), Set.of());
    }

    @Test
    void aWriteUnderAMovedDirectoryIsStillComparedByContent() {
        // a rename while a run writes in d: e is compared as a tree
        pending.add(moved("d", "e", EntryKind.DIRECTORY), InFlight.of(Batch.Incremental.ofPaths(Set.of(p("d/x")))));
        add(modified("e/f"), new Change.AttributesChanged(p("e/g"), EntryKind.FILE));
        Batch.Incremental batch = take();
        assertTrue(names(batch.paths()).contains("e/f"));
        assertTrue(!names(batch.paths()).contains("e/g"), "attributes ride with the tree");
    }

    @Test
    void aCreateWhileARunIsInFlightIsNotCancelledByItsDelete() {
        pending.add(createdFile("f"), InFlight.of(new Batch.Full("initial sync")));
        pending.add(deleted("f", EntryKind.FILE), InFlight.NONE);
        assertBatch(take(), List.of(), Set.of("f"), Set.of());
    }

    @Test
    void aRescanOfTheRootOwesAFullSyncAndSwallowsEverythingElse() {
        add(modified("a"), new Change.Rescan(RelativePath.ROOT, "inotify queue overflow"), modified("b"));
        assertEquals(1, pending.size());
        assertEquals(new Batch.Full("inotify queue overflow"), pending.take().orElseThrow());
        assertTrue(pending.isEmpty(), "then incremental again");
    }

    @Test
    void aRescanOfASubtreeComparesThatTree() {
        add(new Change.Rescan(p("d"), "watch limit"));
        assertBatch(take(), List.of(), Set.of(), Set.of("d"));
    }

    @Test
    void pastMaxPendingTheSetCollapsesToAFullSync() {
        PendingSet small = new PendingSet(3);
        for (String name : List.of("a", "b", "c")) {
            small.add(modified(name), InFlight.NONE);
        }
        assertEquals(3, small.size());
        small.add(modified("d"), InFlight.NONE);
        assertEquals(1, small.size());
        assertInstanceOf(Batch.Full.class, small.take().orElseThrow());
    }

    @Test
    void aFailedBatchComesBackUnderNewerChangesWithItsRenamesAsPlaces() {
        add(createdFile("new"), moved("a", "b", EntryKind.DIRECTORY));
        Batch failed = take();
        // during the failed run: b was renamed again and new was deleted
        pending.add(moved("b", "c", EntryKind.DIRECTORY), InFlight.of(failed));
        pending.add(deleted("new", EntryKind.FILE), InFlight.of(failed));
        pending.absorbFailed(failed, false);
        Batch.Incremental retry = take();
        assertEquals(List.of(new Move(p("b"), p("c"), EntryKind.DIRECTORY)), retry.moves());
        assertTrue(names(retry.paths()).containsAll(Set.of("a", "b", "new")), "old places named again");
        assertTrue(names(retry.trees()).containsAll(Set.of("b", "c")), "b both where it was and where it went");
    }

    @Test
    void aBatchWhoseRenamesDidNotRunGetsThemBackAsRenamesAheadOfNewerOnes() {
        add(moved("a", "b", EntryKind.DIRECTORY), moved("f", "g", EntryKind.FILE));
        Batch failed = take();
        // during the failed run (ssh down before the renames): b was renamed again
        pending.add(moved("b", "c", EntryKind.DIRECTORY), InFlight.of(failed));
        pending.absorbFailed(failed, true);
        Batch.Incremental retry = take();
        assertEquals(List.of(new Move(p("a"), p("b"), EntryKind.DIRECTORY), new Move(p("f"), p("g"), EntryKind.FILE),
                new Move(p("b"), p("c"), EntryKind.DIRECTORY)), retry.moves());
        assertTrue(names(retry.paths()).containsAll(Set.of("a", "b", "f")), "the places still follow the renames");
        assertTrue(names(retry.paths()).contains("g"), "a renamed file's new name is compared by content");
        assertTrue(names(retry.trees()).contains("c"), "the renamed tree is compared where it is now");
    }

    @Test
    void aFailedFullSyncStaysAFullSync() {
        pending.requireFull("initial sync");
        Batch failed = pending.take().orElseThrow();
        pending.add(modified("x"), InFlight.of(failed));
        pending.absorbFailed(failed, false);
        assertEquals(new Batch.Full("initial sync"), pending.take().orElseThrow());
    }

    @Test
    void aChangeAtTheRootItselfIsAFullSync() {
        add(new Change.AttributesChanged(RelativePath.ROOT, EntryKind.DIRECTORY));
        assertInstanceOf(Batch.Full.class, pending.take().orElseThrow());
    }
}
