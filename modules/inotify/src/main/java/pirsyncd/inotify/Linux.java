package pirsyncd.inotify;

/**
 * Constants from the Linux headers that this module passes to the kernel. Values are the x86-64
 * and aarch64 ones; where those differ (fcntl.h's O_DIRECTORY, O_NOFOLLOW) the architecture picks.
 */
final class Linux {
    static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    // fcntl.h
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x8_0000;
    static final int O_DIRECTORY = AARCH64 ? 0x4000 : 0x1_0000;
    static final int O_NOFOLLOW = AARCH64 ? 0x8000 : 0x2_0000;

    // sys/inotify.h and sys/eventfd.h reuse O_NONBLOCK and O_CLOEXEC
    static final int IN_NONBLOCK = O_NONBLOCK;
    static final int IN_CLOEXEC = O_CLOEXEC;
    static final int EFD_NONBLOCK = O_NONBLOCK;
    static final int EFD_CLOEXEC = O_CLOEXEC;

    // linux/limits.h: the longest path the kernel accepts, counting the terminating NUL
    static final int PATH_MAX = 4096;

    // poll.h
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    // sys/socket.h
    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = O_CLOEXEC;
    static final int MSG_NOSIGNAL = 0x4000;

    private Linux() {}
}
