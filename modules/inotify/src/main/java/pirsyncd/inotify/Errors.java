package pirsyncd.inotify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The one place where an errno becomes an exception. Path errors a caller must treat as control
 * flow ("the directory vanished while we walked it") become the JDK's own
 * {@link NoSuchFileException}, {@link AccessDeniedException} and {@link NotDirectoryException};
 * everything else is a {@link NativeException} with a hint that says how to fix it.
 */
final class Errors {
    private static final Path PROC_SYS_FS = Path.of("/proc/sys/fs");

    private Errors() {}

    /** The exception for a failed syscall on a descriptor (no path). */
    static IOException of(String syscall, int errno) {
        return new NativeException(syscall, errno, null, hint(syscall, errno));
    }

    /** The exception for a failed syscall about {@code path} (raw bytes, decoded for the message). */
    static IOException of(String syscall, int errno, byte[] path) {
        return of(syscall, errno, path, null);
    }

    /** As {@link #of(String, int, byte[])} for a call about two paths, such as rename. */
    static IOException of(String syscall, int errno, byte[] path, byte[] otherPath) {
        String shown = forHumans(path);
        String other = otherPath == null ? null : forHumans(otherPath);
        return switch (Errno.of(errno)) {
            case ENOENT -> new NoSuchFileException(shown, other, syscall + ": no such file or directory");
            case EACCES -> new AccessDeniedException(shown, other, syscall + ": permission denied");
            // with O_NOFOLLOW|O_DIRECTORY or IN_DONT_FOLLOW|IN_ONLYDIR a symbolic link is ENOTDIR too
            case ENOTDIR -> new NotADirectory(shown, syscall + ": not a directory (symbolic links are not followed)");
            // openat(O_NOFOLLOW|O_DIRECTORY) on a symbolic link: for a walker, just "not a directory"
            case ELOOP -> new NotADirectory(shown, syscall + ": is a symbolic link, not followed");
            default -> new NativeException(syscall, errno, other == null ? shown : shown + " -> " + other,
                    hint(syscall, errno));
        };
    }

    /** A raw path decoded as UTF-8 (invalid bytes replaced), for messages only. */
    static String forHumans(byte[] path) {
        return new String(path, StandardCharsets.UTF_8);
    }

    private static String hint(String syscall, int errno) {
        return switch (Errno.of(errno)) {
            case ENOSPC -> syscall.equals("inotify_add_watch")
                    ? limitHint("inotify watch limit reached", "inotify/max_user_watches", 524_288)
                    : "no space left on the device; free some space";
            case EMFILE -> syscall.equals("inotify_init1")
                    ? limitHint("inotify instance limit reached", "inotify/max_user_instances", 1024)
                            + " (or this process ran out of descriptors: raise ulimit -n / LimitNOFILE=)"
                    : "this process has too many open files; raise its limit (ulimit -n, or LimitNOFILE= in the systemd unit)";
            case ENFILE -> limitHint("the system-wide open file limit is reached", "file-max", 1_048_576);
            case ENOMEM -> "the kernel could not allocate memory for this call; free memory or reduce the number of watches";
            case EXDEV -> "source and destination are on different file systems; rename cannot cross them";
            case EROFS -> "the file system is mounted read-only";
            case ENAMETOOLONG -> "the path is longer than the kernel accepts (a name is at most 255 bytes, a path 4095)";
            case ECONNREFUSED -> "nothing is listening on that socket (is the service manager still running?)";
            case EPERM -> "operation not permitted for this user; run with the needed privileges";
            case EINVAL -> "invalid argument to " + syscall + " (a bug in pirsyncd: please report it)";
            case EBADF -> "bad file descriptor (a bug in pirsyncd: a descriptor was used after close)";
            case ENOSYS -> "the kernel does not implement " + syscall;
            case EPROTOTYPE, ENOTSOCK, EAFNOSUPPORT -> "the address is not a datagram unix socket";
            case UNKNOWN -> "unexpected error " + errno + " from " + syscall;
            case ENOENT, EINTR, EIO, EAGAIN, EACCES, EFAULT, EBUSY, EEXIST, ENOTDIR, EISDIR, EMLINK,
                    ENOTEMPTY, ELOOP, EMSGSIZE, ECONNRESET, ENOBUFS -> Errno.of(errno).description();
        };
    }

    /**
     * E.g. "inotify watch limit reached (fs.inotify.max_user_watches = 8192); raise it: sysctl -w
     * fs.inotify.max_user_watches=524288", with the current value read from /proc/sys.
     */
    static String limitHint(String what, String sysctlPath, long comfortable) {
        String name = "fs." + sysctlPath.replace('/', '.');
        long current = readSysctl(sysctlPath);
        if (current < 0) {
            return what + " (" + name + "); raise it: sysctl -w " + name + "=" + comfortable;
        }
        long suggested = current < comfortable ? comfortable : current * 2;
        return what + " (" + name + " = " + current + "); raise it: sysctl -w " + name + "=" + suggested;
    }

    /** The value of /proc/sys/fs/{path}, or -1 when it cannot be read. */
    static long readSysctl(String path) {
        // One read(2) with a buffer big enough for the whole value: /proc/sys integer files do
        // not support reads at an offset, and Files.readString (which starts with a 1-byte read
        // for a file whose size is 0) returns just the first digit.
        try (InputStream in = Files.newInputStream(PROC_SYS_FS.resolve(path))) {
            return Long.parseLong(new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException | SecurityException unreadable) {
            return -1;
        }
    }

    /** NotDirectoryException carries only the path; this one also says why. */
    private static final class NotADirectory extends NotDirectoryException {
        private static final long serialVersionUID = 1L;
        private final String why;

        NotADirectory(String path, String why) {
            super(path);
            this.why = why;
        }

        @Override
        public String getReason() {
            return why;
        }
    }
}
