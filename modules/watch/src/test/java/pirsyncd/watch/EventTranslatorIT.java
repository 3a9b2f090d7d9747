package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pirsyncd.inotify.InotifyMask.IN_CLOSE_WRITE;
import static pirsyncd.inotify.InotifyMask.IN_CREATE;
import static pirsyncd.inotify.InotifyMask.IN_ISDIR;
import static pirsyncd.inotify.InotifyMask.IN_MODIFY;
import static pirsyncd.inotify.InotifyMask.IN_MOVED_FROM;
import static pirsyncd.inotify.InotifyMask.IN_MOVED_TO;
import static pirsyncd.inotify.InotifyMask.IN_MOVE_SELF;
import static pirsyncd.inotify.InotifyMask.IN_Q_OVERFLOW;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.inotify.Inotify;
import pirsyncd.inotify.InotifyEvent;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.ExcludeRules;
import pirsyncd.model.RelativePath;

/**
 * Move pairing on synthetic event sequences: the order the kernel may queue events in, including
 * orders a test cannot make the kernel produce on demand (a pair split across two reads, another
 * rename's events in between). The tree is real (a real walk with real watch descriptors), the
 * events are made up, and the clock is injected, so the grace time is exact.
 */
@Timeout(30)
class EventTranslatorIT {
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @TempDir
    Path root;
    Inotify inotify;
    WatchTree tree;
    EventTranslator translator;
    long now = 1_000 * MS;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void watchATree() throws IOException {
        Files.createDirectories(root.resolve("a/sub"));
        Files.createDirectories(root.resolve("b"));
        inotify = Inotify.open();
        byte[] rootBytes = root.toString().getBytes(StandardCharsets.UTF_8);
        Walker walker = new Walker(inotify, rootBytes, ExcludeRules.of("*.tmp"), 0, 0);
        tree = new WatchTree();
        walker.walk(tree, tree.root(), Long.MAX_VALUE);
        translator = new EventTranslator(tree, walker, ExcludeRules.of("*.tmp"), log::add, () -> now);
    }

    @AfterEach
    void close() {
        inotify.close();
    }

    private int wd(String path) {
        Node node = tree.root();
        RelativePath relative = RelativePath.of(path);
        for (int i = 1; i <= relative.depth(); i++) {
            node = node.child(new Node.Name(ancestor(relative, i).fileName()));
        }
        return node.wd;
    }

    /** The ancestor of {@code path} that is {@code depth} names deep. */
    private static RelativePath ancestor(RelativePath path, int depth) {
        RelativePath p = path;
        while (p.depth() > depth) {
            p = p.parent();
        }
        return p;
    }

    private void event(String dir, int mask, int cookie, String name) {
        translator.onEvent(new InotifyEvent(wd(dir), mask, cookie, name.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Change> read() {
        return translator.batch().drain();
    }

    private static RelativePath rel(String path) {
        return RelativePath.of(path);
    }

    @Test
    void anUnrelatedEventBetweenFromAndToDoesNotBreakTheRename() {
        event("", IN_MOVED_FROM, 7, "f");
        event("a", IN_MODIFY, 0, "other");
        event("b", IN_MOVED_TO, 7, "g");
        assertEquals(List.of(new Change.Modified(rel("a/other"), EntryKind.FILE, false),
                new Change.Moved(rel("f"), rel("b/g"), EntryKind.FILE)), read());
    }

    @Test
    void aPairSplitAcrossTwoReadsIsOneMove() {
        event("a", IN_MOVED_FROM | IN_ISDIR, 8, "sub");
        assertTrue(translator.hasPendingMoves());
        now += 20 * MS; // the end of the first read: not yet due
        translator.expireDueMoves();
        assertEquals(List.of(), read());
        event("b", IN_MOVED_TO | IN_ISDIR, 8, "sub2");
        assertEquals(List.of(new Change.Moved(rel("a/sub"), rel("b/sub2"), EntryKind.DIRECTORY)), read());
        assertFalse(translator.hasPendingMoves());
        assertTrue(tree.byWd(wd("b/sub2")) != null, "the node moved along, watch and all");
        assertEquals(4, tree.watchedCount());
    }

    @Test
    void twoRenamesWhoseEventsInterleavePairByCookie() {
        event("a", IN_MOVED_FROM, 1, "x");
        event("b", IN_MOVED_FROM, 2, "y");
        event("a", IN_MOVED_TO, 1, "x2");
        event("b", IN_MOVED_TO, 2, "y2");
        assertEquals(List.of(new Change.Moved(rel("a/x"), rel("a/x2"), EntryKind.FILE),
                new Change.Moved(rel("b/y"), rel("b/y2"), EntryKind.FILE)), read());
    }

    @Test
    void anUnpairedFromIsAMoveOutOnlyAfterTheWholeGrace() {
        event("", IN_MOVED_FROM, 9, "f");
        now += EventTranslator.MOVE_PAIRING_GRACE.toNanos() - 1;
        translator.expireDueMoves();
        assertEquals(List.of(), read());
        now += 1;
        translator.expireDueMoves();
        assertEquals(List.of(new Change.Deleted(rel("f"), EntryKind.FILE)), read());
        assertFalse(translator.hasPendingMoves());
    }

    @Test
    void aNewEntryAtTheNameThatMovedOutComesAfterItsDelete() {
        // mv f /elsewhere; touch f: the create needed the directory's lock, so the rename was over
        event("", IN_MOVED_FROM, 10, "f");
        event("", IN_CREATE, 0, "f");
        assertEquals(List.of(new Change.Deleted(rel("f"), EntryKind.FILE), new Change.Created(rel("f"), EntryKind.FILE)),
                read());
    }

    @Test
    void aDirectoryMovedOutIsSettledAtOnceByItsOwnMoveSelf() {
        event("", IN_MOVED_FROM | IN_ISDIR, 11, "a");
        int aWd = wd("a");
        translator.onEvent(InotifyEvent.withoutName(aWd, IN_MOVE_SELF, 0));
        assertEquals(List.of(new Change.Deleted(rel("a"), EntryKind.DIRECTORY)), read());
        assertEquals(2, tree.watchedCount(), "a and a/sub are no longer watched");
        assertEquals(null, tree.byWd(aWd));
    }

    @Test
    void aRenamedAncestorIsFollowedWhenAnEarlierMoveOutIsSettled() {
        event("a", IN_MOVED_FROM, 12, "file");
        event("", IN_MOVED_FROM | IN_ISDIR, 13, "a");
        event("", IN_MOVED_TO | IN_ISDIR, 13, "z");
        now += EventTranslator.MOVE_PAIRING_GRACE.toNanos();
        translator.expireDueMoves();
        assertEquals(List.of(new Change.Moved(rel("a"), rel("z"), EntryKind.DIRECTORY),
                new Change.Deleted(rel("z/file"), EntryKind.FILE)), read());
    }

    @Test
    void aMoveIntoADirectoryThatLeftTheTreeIsAMoveOut() {
        event("", IN_MOVED_FROM | IN_ISDIR, 14, "a");
        event("b", IN_MOVED_FROM, 15, "y");
        event("a/sub", IN_MOVED_TO, 15, "y");
        assertEquals(List.of(new Change.Deleted(rel("a"), EntryKind.DIRECTORY), new Change.Deleted(rel("b/y"), EntryKind.FILE)),
                read());
        assertFalse(translator.hasPendingMoves());
    }

    @Test
    void aRenameOntoAnExcludedNameIsADeleteAndBackIsACreate() {
        event("", IN_MOVED_FROM, 16, "f");
        event("", IN_MOVED_TO, 16, "f.tmp");
        event("", IN_MOVED_FROM, 17, "f.tmp");
        event("", IN_MOVED_TO, 17, "g");
        assertEquals(List.of(new Change.Deleted(rel("f"), EntryKind.FILE), new Change.Created(rel("g"), EntryKind.FILE)),
                read());
    }

    @Test
    void anOverflowSettlesTheHeldMovesBeforeItIsReported() {
        event("", IN_MOVED_FROM, 18, "f");
        translator.onEvent(InotifyEvent.withoutName(-1, IN_Q_OVERFLOW, 0));
        assertEquals(List.of(new Change.Deleted(rel("f"), EntryKind.FILE)), read());
        assertTrue(translator.takeOverflow());
        assertFalse(translator.hasPendingMoves());
    }

    @Test
    void theEventLogShowsEachRawEventAndWhatItBecame() {
        event("a", IN_CREATE, 0, "new");
        event("", IN_MOVED_FROM, 19, "f");
        event("b", IN_MOVED_TO, 19, "g");
        event("", IN_MOVED_FROM, 20, "h");
        now += EventTranslator.MOVE_PAIRING_GRACE.toNanos();
        translator.expireDueMoves();
        assertEquals(List.of(
                "IN_CREATE wd=" + wd("a") + " cookie=0 name=new in a -> Created(a/new, FILE)",
                "IN_MOVED_FROM wd=" + wd("") + " cookie=19 name=f in / -> held for its IN_MOVED_TO",
                "IN_MOVED_TO wd=" + wd("b") + " cookie=19 name=g in b -> Moved(f -> b/g, FILE)",
                "IN_MOVED_FROM wd=" + wd("") + " cookie=20 name=h in / -> held for its IN_MOVED_TO",
                "IN_MOVED_FROM cookie=20 unpaired (no IN_MOVED_TO within 50 ms) -> Deleted(h, FILE)"), log);
    }

    @Test
    void aCloseInTheSameReadTurnsTheEarlierWriteIntoAClosedOne() {
        event("a", IN_MODIFY, 0, "f");
        event("a", IN_MODIFY, 0, "f");
        event("a", IN_CLOSE_WRITE, 0, "f");
        assertEquals(List.of(new Change.Modified(rel("a/f"), EntryKind.FILE, true)), read());
        assertEquals(List.of(
                "IN_MODIFY wd=" + wd("a") + " cookie=0 name=f in a -> Modified(a/f, FILE, open)",
                "IN_MODIFY wd=" + wd("a") + " cookie=0 name=f in a -> nothing",
                "IN_CLOSE_WRITE wd=" + wd("a") + " cookie=0 name=f in a -> Modified(a/f, FILE) (in the earlier one's place)"),
                log);
    }

    @Test
    void aWriteIsReportedOpenUntilItsCloseComes() {
        // a rewrite split across two reads: the truncate and the write in one, the close in the next
        event("a", IN_MODIFY, 0, "f");
        event("a", IN_MODIFY, 0, "f");
        assertEquals(List.of(new Change.Modified(rel("a/f"), EntryKind.FILE, false)), read());
        event("a", IN_CLOSE_WRITE, 0, "f");
        assertEquals(List.of(new Change.Modified(rel("a/f"), EntryKind.FILE, true)), read());
        assertEquals("IN_MODIFY wd=" + wd("a") + " cookie=0 name=f in a -> Modified(a/f, FILE, open)", log.getFirst());
        assertEquals("IN_CLOSE_WRITE wd=" + wd("a") + " cookie=0 name=f in a -> Modified(a/f, FILE)", log.getLast());
    }
}
