package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import pirsyncd.inotify.InotifyEvent;
import pirsyncd.inotify.InotifyMask;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

/** The debug.events lines: raw event, where it came from, what it became. */
class EventLogTest {
    @Test
    void aLineNamesTheRawEventItsDirectoryAndTheChangesItBecame() {
        InotifyEvent event = new InotifyEvent(3, InotifyMask.IN_CREATE | InotifyMask.IN_ISDIR, 0, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("IN_CREATE|IN_ISDIR wd=3 cookie=0 name=new in docs -> Created(docs/new, DIRECTORY)",
                EventLog.line(event, "docs", List.of(new Change.Created(RelativePath.of("docs/new"), EntryKind.DIRECTORY))));
    }

    @Test
    void anEventThatBecameNothingSaysSo() {
        InotifyEvent event = new InotifyEvent(4, InotifyMask.IN_MODIFY, 0, "f".getBytes(StandardCharsets.UTF_8));
        assertEquals("IN_MODIFY wd=4 cookie=0 name=f in (unknown wd 4) -> nothing",
                EventLog.line(event, "(unknown wd 4)", List.of()));
    }

    @Test
    void aNameThatIsNotUtf8IsShownEscapedNotReplaced() {
        InotifyEvent event = new InotifyEvent(1, InotifyMask.IN_MOVED_TO, (int) 4_000_000_000L,
                new byte[] {'o', 'd', 'd', (byte) 0xff});
        assertEquals("IN_MOVED_TO wd=1 cookie=4000000000 name=odd\\xff in / -> held",
                EventLog.line(event, "/", "held"));
    }

    @Test
    void movesAndRescansReadAsOneLine() {
        assertEquals("Moved(a -> b/c, FILE), Rescan(/, inotify queue overflow)", EventLog.changes(List.of(
                new Change.Moved(RelativePath.of("a"), RelativePath.of("b/c"), EntryKind.FILE),
                new Change.Rescan(RelativePath.ROOT, "inotify queue overflow"))));
    }
}
