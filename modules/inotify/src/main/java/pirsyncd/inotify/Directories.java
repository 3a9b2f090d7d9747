package pirsyncd.inotify;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * Looks at directories by raw bytes: lists one ({@link #list}, the one-off form of
 * {@link DirectoryLister}) and tells what a path is without following a final symbolic link.
 * Java's {@code Path} cannot round-trip a name that is not valid UTF-8; these names stay bytes.
 */
public final class Directories {
    /*
     * struct statx { __u32 stx_mask; __u32 stx_blksize; __u64 stx_attributes; __u32 stx_nlink;
     *                __u32 stx_uid; __u32 stx_gid; __u16 stx_mode; ... };  // statx(2), 256 bytes
     * stx_mode is at offset 28 on every architecture (unlike struct stat).
     */
    static final long STATX_BYTES = 256;
    private static final long STX_NLINK = 16;
    private static final long STX_MODE = 28;
    private static final long STX_DEV_MAJOR = 136;
    private static final long STX_DEV_MINOR = 140;
    private static final int STATX_TYPE = 0x1;
    private static final int STATX_NLINK = 0x4;
    static final int STATX_TYPE_AND_LINKS = STATX_TYPE | STATX_NLINK;
    /*
     * struct statfs { __fsword_t f_type; ... };  // statfs(2): f_type is a long at offset 0 on x86-64
     * and aarch64; the struct is 120 bytes on both, 256 leaves room.
     */
    private static final long STATFS_BYTES = 256;
    private static final long F_TYPE = 0;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private Directories() {}

    /**
     * The entries of the directory {@code absoluteDirPath}, as {@link DirectoryLister#list} gives
     * them. It allocates and frees a lister's buffers for this one call: a thread that lists many
     * directories should keep a {@link DirectoryLister} instead.
     *
     * @throws java.nio.file.NoSuchFileException the directory does not exist (it may have vanished)
     * @throws java.nio.file.NotDirectoryException it is not a directory, or is a symbolic link
     * @throws java.nio.file.AccessDeniedException it cannot be read
     * @throws NativeException any other failure (EMFILE with the limit to raise, EIO, ...)
     */
    public static List<DirectoryEntry> list(byte[] absoluteDirPath) throws IOException {
        try (DirectoryLister lister = DirectoryLister.open()) {
            return lister.list(absoluteDirPath);
        }
    }

    /**
     * True if {@code absolutePath} is a directory, not following a final symbolic link
     * ({@code statx(AT_SYMLINK_NOFOLLOW)}); false if it is anything else or does not exist.
     */
    public static boolean isDirectory(byte[] absolutePath) throws IOException {
        return typeOf(absolutePath).orElse(null) == EntryType.DIRECTORY;
    }

    /**
     * What {@code absolutePath} is, not following a final symbolic link; empty if it does not
     * exist (or a component of its parent is not a directory).
     *
     * @throws java.nio.file.AccessDeniedException a parent cannot be searched
     */
    public static Optional<EntryType> typeOf(byte[] absolutePath) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            return statType(LibC.allocateErrno(call), Linux.AT_FDCWD, LibC.cString(call, absolutePath),
                    call.allocate(STATX_BYTES, 8), absolutePath);
        }
    }

    /**
     * The type of the file system holding {@code absolutePath} ({@code statfs(2)}'s {@code f_type},
     * a magic number such as 0xEF53 for ext2/3/4), following symbolic links.
     *
     * @throws java.nio.file.NoSuchFileException it does not exist
     * @throws java.nio.file.AccessDeniedException a parent cannot be searched
     * @throws NativeException any other failure
     */
    public static long fileSystemType(byte[] absolutePath) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = LibC.allocateErrno(call);
            MemorySegment cPath = LibC.cString(call, absolutePath);
            MemorySegment statfs = call.allocate(STATFS_BYTES, 8);
            while (true) {
                if (LibC.statfs(errno, cPath, statfs) == 0) {
                    return statfs.get(JAVA_LONG, F_TYPE);
                }
                int failure = LibC.errno(errno);
                if (failure != Errno.EINTR.number()) {
                    throw Errors.of("statfs", failure, absolutePath);
                }
            }
        }
    }

    /** What a filled {@code struct statx} describes, from its {@code stx_mode}. */
    static EntryType type(MemorySegment statx) {
        return switch (Short.toUnsignedInt(statx.get(JAVA_SHORT, STX_MODE)) & S_IFMT) {
            case S_IFDIR -> EntryType.DIRECTORY;
            case S_IFREG -> EntryType.FILE;
            case S_IFLNK -> EntryType.SYMLINK;
            default -> EntryType.OTHER;
        };
    }

    /** The device and link count from a filled {@code struct statx}. */
    static DirectoryLinks links(MemorySegment statx) {
        long major = Integer.toUnsignedLong(statx.get(JAVA_INT, STX_DEV_MAJOR));
        long minor = Integer.toUnsignedLong(statx.get(JAVA_INT, STX_DEV_MINOR));
        return new DirectoryLinks(makedev(major, minor), Integer.toUnsignedLong(statx.get(JAVA_INT, STX_NLINK)));
    }

    /**
     * glibc's {@code makedev}: the {@code st_dev} that {@code stat(2)} (and Java's "unix:dev"
     * attribute) gives for a device, so the two can be compared.
     */
    static long makedev(long major, long minor) {
        return (major & 0xffff_f000L) << 32 | (major & 0xfffL) << 8 | (minor & 0xffff_ff00L) << 12 | (minor & 0xffL);
    }

    /**
     * What {@code cPath} (relative to {@code dirFd}) is, by {@code statx(AT_SYMLINK_NOFOLLOW)}
     * into {@code statx}; empty if it does not exist.
     */
    static Optional<EntryType> statType(MemorySegment errno, int dirFd, MemorySegment cPath, MemorySegment statx,
            byte[] pathForErrors) throws IOException {
        while (true) {
            if (LibC.statx(errno, dirFd, cPath, Linux.AT_SYMLINK_NOFOLLOW, STATX_TYPE, statx) == 0) {
                return Optional.of(type(statx));
            }
            int failure = LibC.errno(errno);
            if (failure == Errno.ENOENT.number() || failure == Errno.ENOTDIR.number()) {
                return Optional.empty();
            }
            if (failure != Errno.EINTR.number()) {
                throw Errors.of("statx", failure, pathForErrors);
            }
        }
    }
}
