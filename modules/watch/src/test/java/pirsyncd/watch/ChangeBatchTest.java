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
