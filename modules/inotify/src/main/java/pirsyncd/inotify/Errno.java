package pirsyncd.inotify;

/**
 * The Linux errno values pirsyncd's syscalls can report (asm-generic/errno-base.h, errno.h; the
 * same numbers on x86-64 and aarch64). Any other number is {@link #UNKNOWN}; the exact number is
 * then still available from {@link NativeException#errnoNumber()}.
 */
public enum Errno {
    EPERM(1, "operation not permitted"),
    ENOENT(2, "no such file or directory"),
    EINTR(4, "interrupted system call"),
    EIO(5, "input/output error"),
    EBADF(9, "bad file descriptor"),
    EAGAIN(11, "resource temporarily unavailable"),
    ENOMEM(12, "cannot allocate memory"),
    EACCES(13, "permission denied"),
    EFAULT(14, "bad address"),
    EBUSY(16, "device or resource busy"),
    EEXIST(17, "file exists"),
    EXDEV(18, "invalid cross-device link"),
    ENOTDIR(20, "not a directory"),
    EISDIR(21, "is a directory"),
    EINVAL(22, "invalid argument"),
    ENFILE(23, "too many open files in system"),
    EMFILE(24, "too many open files"),
    ENOSPC(28, "no space left on device"),
    EROFS(30, "read-only file system"),
    EMLINK(31, "too many links"),
    ENAMETOOLONG(36, "file name too long"),
    ENOSYS(38, "function not implemented"),
    ENOTEMPTY(39, "directory not empty"),
    ELOOP(40, "too many levels of symbolic links"),
    ENOTSOCK(88, "socket operation on non-socket"),
    EMSGSIZE(90, "message too long"),
    EPROTOTYPE(91, "protocol wrong type for socket"),
    EAFNOSUPPORT(97, "address family not supported by protocol"),
    ECONNRESET(104, "connection reset by peer"),
    ENOBUFS(105, "no buffer space available"),
    ECONNREFUSED(111, "connection refused"),
    /** A number this enum does not name. */
    UNKNOWN(-1, "unknown error");

    private static final Errno[] BY_NUMBER = new Errno[128];

    static {
        for (Errno errno : values()) {
            if (errno.number > 0) {
                BY_NUMBER[errno.number] = errno;
            }
        }
    }

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    /** The errno value for this number, or {@link #UNKNOWN}. */
    public static Errno of(int number) {
        Errno known = number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
        return known == null ? UNKNOWN : known;
    }

    /** The number the kernel uses (-1 for {@link #UNKNOWN}). */
    public int number() {
        return number;
    }

    /** What strerror(3) says, in lower case, e.g. "no such file or directory". */
    public String description() {
        return description;
    }
}
