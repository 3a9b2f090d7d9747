package pirsyncd.inotify;

import java.io.IOException;
import java.util.Optional;

/**
 * A syscall failed. Carries the syscall's name, the errno, the path it was about (if any) and a
 * hint that says how to fix it, so that callers branch on {@link #errno()}, never on the text.
 *
 * <p>The message reads e.g. {@code inotify_add_watch(/srv/a): ENOSPC — inotify watch limit
 * reached (fs.inotify.max_user_watches = 8192); raise it: sysctl -w
 * fs.inotify.max_user_watches=524288}. ENOENT, EACCES and ENOTDIR on a path are not reported with
 * this type but as {@link java.nio.file.NoSuchFileException}, {@link
 * java.nio.file.AccessDeniedException} and {@link java.nio.file.NotDirectoryException}.
 */
public final class NativeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final int errnoNumber;
    private final String path;
    private final String hint;

    NativeException(String syscall, int errnoNumber, String path, String hint) {
        super(message(syscall, errnoNumber, path, hint));
        this.syscall = syscall;
        this.errnoNumber = errnoNumber;
        this.path = path;
        this.hint = hint;
    }

    private static String message(String syscall, int errnoNumber, String path, String hint) {
        return syscall + (path == null ? "" : "(" + path + ")") + ": " + errnoName(errnoNumber)
                + " — " + hint;
    }

    static String errnoName(int errnoNumber) {
        Errno errno = Errno.of(errnoNumber);
        return errno == Errno.UNKNOWN ? "errno " + errnoNumber : errno.name();
    }

    /** The failed syscall, e.g. {@code inotify_add_watch}. */
    public String syscall() {
        return syscall;
    }

    /** The errno, or {@link Errno#UNKNOWN} for a number the enum does not name. */
    public Errno errno() {
        return Errno.of(errnoNumber);
    }

    /** The raw errno number. */
    public int errnoNumber() {
        return errnoNumber;
    }

    /** The path the call was about, decoded for people; empty for calls on a descriptor. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** What went wrong and how to fix it, in one line. */
    public String hint() {
        return hint;
    }
}
