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
            pending.add(change, true);
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
        // the old name is deleted in case the rename cannot be done; the new one checked cheaply
        assertBatch(take(), List.of(new Move(p("a"), p("c"), EntryKind.FILE)), Set.of("a", "b"), Set.of("c"));
    }

    @Test
    void aRenameThereAndBackIsNoRenameAtAll() {
        add(moved("a", "b", EntryKind.FILE), moved("b", "a", EntryKind.FILE));
        Batch.Incremental batch = take();
        assertEquals(List.of(), batch.moves());
        assertTrue(names(batch.paths()).contains("b"), "b is made equal (deleted)");
        assertTrue(names(batch.paths()).contains("a") || names(batch.trees()).contains("a"), "a is compared");
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
        Batch.Incremental batch = take();
        assertEquals(List.of(new Move(p("d"), p("e"), EntryKind.DIRECTORY)), batch.moves());
        assertEquals(Set.of("d", "e/f", "e/new"), names(batch.paths()));
        assertEquals(Set.of("e"), names(batch.trees()));
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
        Batch.Incremental batch = take();
        assertEquals(List.of(new Move(p("a"), p("b"), EntryKind.FILE)), batch.moves());
        assertTrue(names(batch.paths()).containsAll(Set.of("a", "b")));
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
        add(moved("d", "e", EntryKind.DIRECTORY), modified("e/f"), new Change.AttributesChanged(p("e/g"),
                EntryKind.FILE));
        Batch.Incremental batch = take();
        assertTrue(names(batch.paths()).contains("e/f"));
        assertTrue(!names(batch.paths()).contains("e/g"), "attributes ride with the tree");
    }

    @Test
    void aCreateWhileARunIsInFlightIsNotCancelledByItsDelete() {
        pending.add(createdFile("f"), false);
        pending.add(deleted("f", EntryKind.FILE), true);
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
            small.add(modified(name), true);
        }
        assertEquals(3, small.size());
        small.add(modified("d"), true);
        assertEquals(1, small.size());
        assertInstanceOf(Batch.Full.class, small.take().orElseThrow());
    }

    @Test
    void aFailedBatchComesBackUnderNewerChangesWithItsRenamesAsPlaces() {
        add(createdFile("new"), moved("a", "b", EntryKind.DIRECTORY));
        Batch failed = take();
        // during the failed run: b was renamed again and new was deleted
        pending.add(moved("b", "c", EntryKind.DIRECTORY), false);
        pending.add(deleted("new", EntryKind.FILE), false);
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
        pending.add(moved("b", "c", EntryKind.DIRECTORY), false);
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
        pending.add(modified("x"), false);
        pending.absorbFailed(failed, false);
        assertEquals(new Batch.Full("initial sync"), pending.take().orElseThrow());
    }

    @Test
    void aChangeAtTheRootItselfIsAFullSync() {
        add(new Change.AttributesChanged(RelativePath.ROOT, EntryKind.DIRECTORY));
        assertInstanceOf(Batch.Full.class, pending.take().orElseThrow());
    }
}
