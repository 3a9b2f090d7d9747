package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InotifyMaskTest {

    @Test
    void describeNamesEveryBitInAscendingOrder() {
        assertEquals("IN_CREATE|IN_ISDIR", InotifyMask.describe(InotifyMask.IN_CREATE | InotifyMask.IN_ISDIR));
        assertEquals("IN_Q_OVERFLOW", InotifyMask.describe(InotifyMask.IN_Q_OVERFLOW));
        assertEquals("IN_ONESHOT", InotifyMask.describe(InotifyMask.IN_ONESHOT));
        assertEquals("0", InotifyMask.describe(0));
    }

    @Test
    void describeShowsUnnamedBitsAsHex() {
        assertEquals("IN_ACCESS|0x1000", InotifyMask.describe(InotifyMask.IN_ACCESS | 0x1000));
    }

    @Test
    void everyNamedBitIsDistinctAndDescribedAlone() {
        int seen = 0;
        for (int bit = 0; bit < 32; bit++) {
            int value = 1 << bit;
            String name = InotifyMask.describe(value);
            if (!name.startsWith("0x")) {
                assertFalse(name.contains("|"), name);
                assertEquals(0, seen & value);
                seen |= value;
            }
        }
        assertEquals(22, Integer.bitCount(seen), "22 named bits");
    }

    @Test
    void defaultMaskIsTheOriginalSetPlusSafetyFlags() {
        assertEquals("IN_MODIFY|IN_ATTRIB|IN_CLOSE_WRITE|IN_MOVED_FROM|IN_MOVED_TO|IN_CREATE|IN_DELETE"
                + "|IN_DELETE_SELF|IN_MOVE_SELF|IN_ONLYDIR|IN_DONT_FOLLOW",
                InotifyMask.describe(InotifyMask.DEFAULT_WATCH_MASK));
        assertTrue(InotifyMask.has(InotifyMask.DEFAULT_WATCH_MASK, InotifyMask.IN_MOVE));
    }

    @Test
    void eventRendersForDebugging() {
        InotifyEvent event = new InotifyEvent(3, InotifyMask.IN_CREATE | InotifyMask.IN_ISDIR, 0,
                "foo".getBytes(StandardCharsets.UTF_8));
        assertEquals("IN_CREATE|IN_ISDIR wd=3 cookie=0 name=foo", event.toString());
        assertTrue(event.is(InotifyMask.IN_CREATE));
        assertTrue(event.hasName());
        assertFalse(InotifyEvent.withoutName(3, InotifyMask.IN_IGNORED, 0).hasName());
    }

    @Test
    void eventsCompareNamesByContent() {
        InotifyEvent a = new InotifyEvent(1, 2, 3, new byte[] {'x'});
        InotifyEvent b = new InotifyEvent(1, 2, 3, new byte[] {'x'});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }
}
