package pirsyncd.inotify;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The event parser on plain byte arrays, for tests and benchmarks: it runs exactly the code that
 * parses what {@link Inotify#awaitEvents} reads from the kernel.
 */
public final class InotifyEvents {
    /** Size of {@code struct inotify_event} without its name. */
    public static final int HEADER_BYTES = EventParser.HEADER_BYTES;

    private InotifyEvents() {}

    /**
     * Parses the {@code struct inotify_event} records (host byte order) in
     * {@code buffer[0, length)}, calling the handler for each; returns how many there were.
     *
     * @throws MalformedEventBufferException if a record is truncated or its name runs past
     *     {@code length}
     * @throws IndexOutOfBoundsException if {@code length} is negative or beyond the array
     */
    public static int parse(byte[] buffer, int length, InotifyEventHandler handler)
            throws MalformedEventBufferException {
        Objects.checkFromToIndex(0, length, buffer.length);
        return EventParser.parse(MemorySegment.ofArray(buffer), length, handler);
    }
}
