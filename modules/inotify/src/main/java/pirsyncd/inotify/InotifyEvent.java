package pirsyncd.inotify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code struct inotify_event} as read from the kernel.
 *
 * <p>{@code name} holds the raw bytes of the file name relative to the watched directory, without
 * the NUL padding; it is an empty array when the event is about the watched directory itself
 * ({@code len == 0}). For speed the array is <em>not</em> copied: it is freshly allocated per event
 * and handed over to the receiver, who must treat it as immutable (copy it before changing it).
 * {@code equals} and {@code hashCode} compare the name's content.
 *
 * @param wd the watch descriptor the event belongs to (-1 for IN_Q_OVERFLOW)
 * @param mask the event bits, see {@link InotifyMask}
 * @param cookie pairs IN_MOVED_FROM with IN_MOVED_TO; 0 for other events
 * @param name the raw file name bytes without NUL padding, never null (the kernel never puts a NUL
 *     inside a name; only a malformed synthetic buffer could)
 */
@SuppressWarnings("ArrayRecordComponent") // the brief's contract: raw bytes, no copy; equals/hashCode overridden
public record InotifyEvent(int wd, int mask, int cookie, byte[] name) {
    private static final byte[] NO_NAME = new byte[0];

    /** Checks the name is not null; an empty name stands for the watched directory itself. */
    public InotifyEvent {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null (use an empty array)");
        }
    }

    /** An event about the watched object itself (no name). */
    public static InotifyEvent withoutName(int wd, int mask, int cookie) {
        return new InotifyEvent(wd, mask, cookie, NO_NAME);
    }

    /** True when every bit of {@code bits} is set in this event's mask. */
    public boolean is(int bits) {
        return (mask & bits) == bits;
    }

    /** True when the event is about the watched directory itself rather than a name in it. */
    public boolean hasName() {
        return name.length != 0;
    }

    /** The name decoded as UTF-8 with invalid bytes replaced; for logs and people only. */
    public String nameForHumans() {
        return new String(name, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InotifyEvent that
                && wd == that.wd
                && mask == that.mask
                && cookie == that.cookie
                && Arrays.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return ((wd * 31 + mask) * 31 + cookie) * 31 + Arrays.hashCode(name);
    }

    /** E.g. {@code IN_CREATE|IN_ISDIR wd=3 cookie=0 name=foo}. */
    @Override
    public String toString() {
        return InotifyMask.describe(mask) + " wd=" + wd + " cookie=" + Integer.toUnsignedString(cookie)
                + " name=" + nameForHumans();
    }
}
