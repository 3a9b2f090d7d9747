package pirsyncd.inotify;

import java.util.StringJoiner;

/**
 * The bits of an inotify mask, named as in {@code <sys/inotify.h>} (see inotify(7)), and the mask
 * pirsyncd watches every directory with.
 *
 * <p>The event bits (IN_ACCESS … IN_MOVE_SELF) are both requested in {@code inotify_add_watch} and
 * reported in events; IN_UNMOUNT, IN_Q_OVERFLOW, IN_IGNORED and IN_ISDIR are only ever reported;
 * IN_ONLYDIR … IN_ONESHOT are only flags for {@code inotify_add_watch}.
 */
public final class InotifyMask {
    /** File was accessed (read). */
    public static final int IN_ACCESS = 0x0000_0001;
    /** File was modified (write, truncate). */
    public static final int IN_MODIFY = 0x0000_0002;
    /** Metadata changed: permissions, timestamps, extended attributes, link count, owner. */
    public static final int IN_ATTRIB = 0x0000_0004;
    /** File opened for writing was closed. */
    public static final int IN_CLOSE_WRITE = 0x0000_0008;
    /** File or directory not opened for writing was closed. */
    public static final int IN_CLOSE_NOWRITE = 0x0000_0010;
    /** File or directory was opened. */
    public static final int IN_OPEN = 0x0000_0020;
    /** A name was moved out of the watched directory (paired with IN_MOVED_TO by the cookie). */
    public static final int IN_MOVED_FROM = 0x0000_0040;
    /** A name was moved into the watched directory. */
    public static final int IN_MOVED_TO = 0x0000_0080;
    /** A name was created in the watched directory. */
    public static final int IN_CREATE = 0x0000_0100;
    /** A name was deleted from the watched directory. */
    public static final int IN_DELETE = 0x0000_0200;
    /** The watched directory itself was deleted. */
    public static final int IN_DELETE_SELF = 0x0000_0400;
    /** The watched directory itself was moved. */
    public static final int IN_MOVE_SELF = 0x0000_0800;
    /** The file system holding the watched object was unmounted (reported only). */
    public static final int IN_UNMOUNT = 0x0000_2000;
    /** The event queue overflowed and events were lost (reported only, wd = -1). */
    public static final int IN_Q_OVERFLOW = 0x0000_4000;
    /** The watch was removed, explicitly or because its object went away (reported only). */
    public static final int IN_IGNORED = 0x0000_8000;
    /** Add-watch flag: only watch the path if it is a directory (else ENOTDIR). */
    public static final int IN_ONLYDIR = 0x0100_0000;
    /** Add-watch flag: do not follow the path if it is a symbolic link. */
    public static final int IN_DONT_FOLLOW = 0x0200_0000;
    /** Add-watch flag: stop reporting events for children once they are unlinked. */
    public static final int IN_EXCL_UNLINK = 0x0400_0000;
    /** Add-watch flag: fail with EEXIST if the path is already watched (Linux 4.18). */
    public static final int IN_MASK_CREATE = 0x1000_0000;
    /** Add-watch flag: add these bits to an existing watch's mask instead of replacing it. */
    public static final int IN_MASK_ADD = 0x2000_0000;
    /** Reported with an event: the subject of the event is a directory. */
    public static final int IN_ISDIR = 0x4000_0000;
    /** Add-watch flag: remove the watch after its first event. */
    public static final int IN_ONESHOT = 0x8000_0000;

    /** Both close events. */
    public static final int IN_CLOSE = IN_CLOSE_WRITE | IN_CLOSE_NOWRITE;
    /** Both halves of a move. */
    public static final int IN_MOVE = IN_MOVED_FROM | IN_MOVED_TO;
    /** Every event bit that can be requested. */
    public static final int IN_ALL_EVENTS = 0x0000_0fff;

    /**
     * The mask every watched directory gets: the original tool's set plus three safety bits.
     *
     * <ul>
     *   <li>IN_ATTRIB: permission, owner and timestamp changes must reach the mirror too.
     *   <li>IN_CLOSE_WRITE: a file finished being written; the best moment to copy it.
     *   <li>IN_CREATE: new files, and new directories that need a watch of their own.
     *   <li>IN_DELETE: a name vanished and must be deleted on the mirror.
     *   <li>IN_MODIFY: writes to files that stay open (logs) would otherwise never be copied.
     *   <li>IN_MOVED_FROM / IN_MOVED_TO: renames, paired by cookie, so a move can be applied as a
     *       move; an unpaired half is a delete or a create.
     *   <li>IN_DELETE_SELF: the watched directory itself went away (its watch ends).
     *   <li>IN_MOVE_SELF: the watched directory was moved, so every path below it changed.
     *   <li>IN_DONT_FOLLOW: never watch what a symbolic link points at; it may lie outside the tree.
     *   <li>IN_ONLYDIR: we watch directories only; a directory replaced by a file between listing
     *       and watching fails with ENOTDIR instead of silently watching the file.
     * </ul>
     */
    public static final int DEFAULT_WATCH_MASK = IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE
            | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF
            | IN_DONT_FOLLOW | IN_ONLYDIR;

    // Bits in ascending order, so describe() is deterministic; IN_ISDIR printed with the rest.
    private static final int[] BITS = {
        IN_ACCESS, IN_MODIFY, IN_ATTRIB, IN_CLOSE_WRITE, IN_CLOSE_NOWRITE, IN_OPEN, IN_MOVED_FROM,
        IN_MOVED_TO, IN_CREATE, IN_DELETE, IN_DELETE_SELF, IN_MOVE_SELF, IN_UNMOUNT, IN_Q_OVERFLOW,
        IN_IGNORED, IN_ONLYDIR, IN_DONT_FOLLOW, IN_EXCL_UNLINK, IN_MASK_CREATE, IN_MASK_ADD,
        IN_ISDIR, IN_ONESHOT,
    };
    private static final String[] NAMES = {
        "IN_ACCESS", "IN_MODIFY", "IN_ATTRIB", "IN_CLOSE_WRITE", "IN_CLOSE_NOWRITE", "IN_OPEN",
        "IN_MOVED_FROM", "IN_MOVED_TO", "IN_CREATE", "IN_DELETE", "IN_DELETE_SELF", "IN_MOVE_SELF",
        "IN_UNMOUNT", "IN_Q_OVERFLOW", "IN_IGNORED", "IN_ONLYDIR", "IN_DONT_FOLLOW",
        "IN_EXCL_UNLINK", "IN_MASK_CREATE", "IN_MASK_ADD", "IN_ISDIR", "IN_ONESHOT",
    };

    private InotifyMask() {}

    /**
     * The mask as its bit names joined by {@code |}, e.g. {@code IN_CREATE|IN_ISDIR}; bits without
     * a name appear as one hexadecimal remainder ({@code 0x1000}); zero is {@code 0}.
     */
    public static String describe(int mask) {
        if (mask == 0) {
            return "0";
        }
        StringJoiner joined = new StringJoiner("|");
        int unnamed = mask;
        for (int i = 0; i < BITS.length; i++) {
            if ((mask & BITS[i]) != 0) {
                joined.add(NAMES[i]);
                unnamed &= ~BITS[i];
            }
        }
        if (unnamed != 0) {
            joined.add("0x" + Integer.toHexString(unnamed));
        }
        return joined.toString();
    }

    /** True when every bit of {@code bits} is set in {@code mask}. */
    public static boolean has(int mask, int bits) {
        return (mask & bits) == bits;
    }
}
