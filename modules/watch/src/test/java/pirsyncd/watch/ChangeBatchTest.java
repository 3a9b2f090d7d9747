package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

class ChangeBatchTest {
    private final ChangeBatch batch = new ChangeBatch();

    private static RelativePath p(String s) {
        return RelativePath.of(s);
    }

    @Test
    void repeatedModifiesOfOneFileCountOnce() {
        batch.add(new Change.Modified(p("log"), EntryKind.FILE));
        batch.add(new Change.Modified(p("log"), EntryKind.FILE));
        batch.add(new Change.Modified(p("other"), EntryKind.FILE));
        assertEquals(List.of(new Change.Modified(p("log"), EntryKind.FILE), new Change.Modified(p("other"), EntryKind.FILE)),
                batch.drain());
    }

    private static Change.Modified written(String path) {
        return new Change.Modified(p(path), EntryKind.FILE, false);
    }

    private static Change.Modified closed(String path) {
        return new Change.Modified(p(path), EntryKind.FILE, true);
    }

    @Test
    void aRewriteReadInOneGoIsOneClosedModifyInTheFirstOnesPlace() {
        // open(O_TRUNC) and write(2) each give IN_MODIFY, close(2) gives IN_CLOSE_WRITE
        batch.add(written("f"));
        batch.add(new Change.Created(p("g"), EntryKind.FILE));
        batch.add(written("f"));
        batch.add(closed("f"));
        assertEquals(List.of(closed("f"), new Change.Created(p("g"), EntryKind.FILE)), batch.drain());
    }

    @Test
    void aFileWrittenAgainAfterItsCloseIsStillBeingWritten() {
        batch.add(written("log"));
        batch.add(closed("log"));
        batch.add(written("log"));
        assertEquals(List.of(written("log")), batch.drain());
    }

    @Test
    void aWriteStillOpenAtTheEndOfTheReadStaysOpen() {
        batch.add(written("big"));
        batch.add(written("big"));
        assertEquals(List.of(written("big")), batch.drain());
        batch.add(closed("big"));
        assertEquals(List.of(closed("big")), batch.drain(), "the close in the next read is reported on its own");
    }

    @Test
    void aCloseAfterTheFileWasReplacedIsANewEntryAfterTheReplacement() {
        batch.add(written("f"));
        batch.add(new Change.Deleted(p("f"), EntryKind.FILE));
        batch.add(new Change.Created(p("f"), EntryKind.FILE));
        batch.add(closed("f"));
        assertEquals(List.of(written("f"), new Change.Deleted(p("f"), EntryKind.FILE),
                new Change.Created(p("f"), EntryKind.FILE), closed("f")), batch.drain());
    }

    @Test
    void aCloseAfterItsDirectoryWasRenamedIsANewEntry() {
        batch.add(written("d/f"));
        batch.add(new Change.Moved(p("d"), p("e"), EntryKind.DIRECTORY));
        batch.add(written("d/f")); // a new d/f, since d moved away
        batch.add(closed("d/f"));
        assertEquals(List.of(written("d/f"), new Change.Moved(p("d"), p("e"), EntryKind.DIRECTORY), closed("d/f")),
                batch.drain());
    }

    @Test
    void changesInsideADirectoryCreatedInTheSameBatchAreAbsorbedByIt() {
        batch.add(new Change.Created(p("d"), EntryKind.DIRECTORY));
        batch.add(new Change.Created(p("d/sub/f"), EntryKind.FILE));
        batch.add(new Change.Modified(p("d/sub/f"), EntryKind.FILE));
        batch.add(new Change.AttributesChanged(p("d/sub"), EntryKind.DIRECTORY));
        batch.add(new Change.Created(p("dx"), EntryKind.FILE));
        assertEquals(List.of(new Change.Created(p("d"), EntryKind.DIRECTORY), new Change.Created(p("dx"), EntryKind.FILE)),
                batch.drain());
    }

    @Test
    void deletesAndMovesAreNeverDropped() {
        batch.add(new Change.Created(p("d"), EntryKind.DIRECTORY));
        batch.add(new Change.Moved(p("d/f"), p("e"), EntryKind.FILE));
        batch.add(new Change.Deleted(p("d/g"), EntryKind.FILE));
        assertEquals(3, batch.drain().size());
    }

    @Test
    void aModifyAfterADeleteOfTheSamePathIsKept() {
        batch.add(new Change.Modified(p("f"), EntryKind.FILE));
        batch.add(new Change.Deleted(p("f"), EntryKind.FILE));
        batch.add(new Change.Created(p("f"), EntryKind.FILE));
        batch.add(new Change.Modified(p("f"), EntryKind.FILE));
        assertEquals(4, batch.drain().size());
        assertTrue(batch.isEmpty());
    }

    @Test
    void aDirectoryMovedAwayNoLongerAbsorbsNewEntriesAtItsOldPath() {
        batch.add(new Change.Created(p("d"), EntryKind.DIRECTORY));
        batch.add(new Change.Moved(p("d"), p("e"), EntryKind.DIRECTORY));
        batch.add(new Change.Created(p("d"), EntryKind.DIRECTORY));
        batch.add(new Change.Created(p("e/f"), EntryKind.FILE));
        assertEquals(4, batch.drain().size());
    }
}
