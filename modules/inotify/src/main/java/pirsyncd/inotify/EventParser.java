package pirsyncd.inotify;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Parses {@code struct inotify_event} records out of a buffer filled by {@code read(2)}. The same
 * code parses the native read buffer and wrapped byte arrays (tests, benchmark).
 *
 * <pre>
 * struct inotify_event {          // &lt;sys/inotify.h&gt;, inotify(7); host byte order
 *     int      wd;      // offset  0
 *     uint32_t mask;    // offset  4
 *     uint32_t cookie;  // offset  8
 *     uint32_t len;     // offset 12: size of name[] including NUL padding
 *     char     name[];  // offset 16: NUL-terminated, padded with NULs to an alignment boundary
 * };
 * </pre>
 */
final class EventParser {
    static final int HEADER_BYTES = 16;
    private static final long WD = 0;
    private static final long MASK = 4;
    private static final long COOKIE = 8;
    private static final long LEN = 12;
    // Unaligned access: wrapped byte[] segments have no alignment guarantee beyond 1.
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final byte[] NO_NAME = new byte[0];

    private EventParser() {}

    /**
     * Calls the handler for each record in {@code buffer[0, length)} and returns how many there
     * were.
     *
     * @throws MalformedEventBufferException if a record's header or name runs past {@code length}
     */
    static int parse(MemorySegment buffer, long length, InotifyEventHandler handler)
            throws MalformedEventBufferException {
        int count = 0;
        long offset = 0;
        while (offset < length) {
            if (length - offset < HEADER_BYTES) {
                throw new MalformedEventBufferException(
                        "truncated inotify_event header (" + (length - offset) + " of " + HEADER_BYTES
                                + " bytes)", offset);
            }
            int wd = buffer.get(INT, offset + WD);
            int mask = buffer.get(INT, offset + MASK);
            int cookie = buffer.get(INT, offset + COOKIE);
            long nameLength = Integer.toUnsignedLong(buffer.get(INT, offset + LEN));
            long nameStart = offset + HEADER_BYTES;
            if (nameLength > length - nameStart) {
                throw new MalformedEventBufferException(
                        "inotify_event name of " + nameLength + " bytes runs past the end of the "
                                + length + "-byte buffer", offset);
            }
            handler.onEvent(new InotifyEvent(wd, mask, cookie, name(buffer, nameStart, nameLength)));
            count++;
            offset = nameStart + nameLength;
        }
        return count;
    }

    /**
     * The name without its NUL padding. The kernel pads with NULs after the name and a name never
     * contains NUL, so scanning back over the padding (at most a few bytes) finds the same end as
     * strlen would, without walking the whole name.
     */
    private static byte[] name(MemorySegment buffer, long start, long paddedLength) {
        long end = start + paddedLength;
        while (end > start && buffer.get(ValueLayout.JAVA_BYTE, end - 1) == 0) {
            end--;
        }
        if (end == start) {
            return NO_NAME;
        }
        byte[] name = new byte[(int) (end - start)];
        MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, start, name, 0, name.length);
        return name;
    }
}
