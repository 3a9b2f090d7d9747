package pirsyncd.inotify;

import java.io.IOException;

/**
 * A buffer of {@code struct inotify_event} records that cannot be parsed: a header or name that
 * runs past the end of the data. The kernel never produces one, so this means a bug or a corrupted
 * synthetic buffer; it is thrown instead of reading out of bounds or looping.
 */
public final class MalformedEventBufferException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    MalformedEventBufferException(String message, long offset) {
        super(message + " at byte offset " + offset);
        this.offset = offset;
    }

    /** Byte offset of the record that could not be parsed. */
    public long offset() {
        return offset;
    }
}
