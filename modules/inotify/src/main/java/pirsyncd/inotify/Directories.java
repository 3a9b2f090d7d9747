package pirsyncd.inotify;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Lists directories by raw bytes, fast: one {@code openat}, a few {@code getdents64(2)} calls
 * into one buffer per call, and the entry type from {@code d_type}, so walking a tree of 100,000
 * directories costs a handful of syscalls per directory. Java's {@code Path} cannot round-trip a
 * name that is not valid UTF-8; these names stay bytes.
 *
 * <p>Symbolic links are never followed: the directory itself is opened with
 * {@code O_NOFOLLOW}, and entry types come from {@code d_type} or, when the file system reports
 * {@code DT_UNKNOWN}, from {@code statx(AT_SYMLINK_NOFOLLOW)}.
 */
public final class Directories {
    /*
     * struct linux_dirent64 {        // getdents64(2)
     *     ino64_t        d_ino;      // offset  0
     *     off64_t        d_off;      // offset  8
     *     unsigned short d_reclen;   // offset 16: size of this record
     *     unsigned char  d_type;     // offset 18: DT_* below
     *     char           d_name[];   // offset 19: NUL-terminated
     * };
     */
    private static final long D_RECLEN = 16;
    private static final long D_TYPE = 18;
    private static final long D_NAME = 19;
    private static final byte DT_UNKNOWN = 0;
    private static final byte DT_DIR = 4;
    private static final byte DT_REG = 8;
    private static final byte DT_LNK = 10;

    /*
     * struct statx { __u32 stx_mask; __u32 stx_blksize; __u64 stx_attributes; __u32 stx_nlink;
     *                __u32 stx_uid; __u32 stx_gid; __u16 stx_mode; ... };  // statx(2), 256 bytes
     * stx_mode is at offset 28 on every architecture (unlike struct stat).
     */
    private static final long STATX_BYTES = 256;
    private static final long STX_MODE = 28;
    private static final int STATX_TYPE = 0x1;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    // 16 KiB holds a few hundred entries: most directories are read in one call. allocate()
    // zero-fills, so a bigger per-call buffer would cost more than the extra getdents64 calls.
    private static final long BUFFER_BYTES = 16 * 1024;

    private Directories() {}

    /**
     * The entries of the directory {@code absoluteDirPath}, without "." and "..", in the order the
     * file system returns them. Entries that vanish while their type is being looked up are left
     * out.
     *
     * @throws java.nio.file.NoSuchFileException the directory does not exist (it may have vanished)
     * @throws java.nio.file.NotDirectoryException it is not a directory, or is a symbolic link
     * @throws java.nio.file.AccessDeniedException it cannot be read
     * @throws NativeException any other failure (EMFILE with the limit to raise, EIO, ...)
     */
    public static List<DirectoryEntry> list(byte[] absoluteDirPath) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = LibC.allocateErrno(call);
            int fd = open(call, errno, absoluteDirPath);
            try {
                return readEntries(call, errno, fd, absoluteDirPath);
            } finally {
                LibC.close(errno, fd); // read-only descriptor: nothing to report on failure
            }
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
            MemorySegment errno = LibC.allocateErrno(call);
            return statType(call, errno, Linux.AT_FDCWD, absolutePath, absolutePath);
        }
    }

    private static int open(Arena call, MemorySegment errno, byte[] path) throws IOException {
        MemorySegment cPath = LibC.cString(call, path);
        int flags = Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC;
        while (true) {
            int fd = LibC.openat(errno, Linux.AT_FDCWD, cPath, flags);
            if (fd >= 0) {
                return fd;
            }
            int failure = LibC.errno(errno);
            if (failure != Errno.EINTR.number()) {
                throw Errors.of("openat", failure, path);
            }
        }
    }

    private static List<DirectoryEntry> readEntries(Arena call, MemorySegment errno, int fd, byte[] dirPath)
            throws IOException {
        MemorySegment buffer = call.allocate(BUFFER_BYTES, 8);
        List<DirectoryEntry> entries = new ArrayList<>();
        while (true) {
            long filled = LibC.getdents64(errno, fd, buffer, BUFFER_BYTES);
            if (filled == 0) {
                return entries;
            }
            if (filled < 0) {
                int failure = LibC.errno(errno);
                if (failure == Errno.EINTR.number()) {
                    continue;
                }
                throw Errors.of("getdents64", failure, dirPath);
            }
            for (long offset = 0; offset < filled; ) {
                int recordLength = Short.toUnsignedInt(buffer.get(JAVA_SHORT, offset + D_RECLEN));
                if (recordLength <= D_NAME || offset + recordLength > filled) {
                    throw Errors.of("getdents64", Errno.EIO.number(), dirPath); // a kernel bug; never loop
                }
                addEntry(call, errno, fd, dirPath, buffer, offset, recordLength, entries);
                offset += recordLength;
            }
        }
    }

    private static void addEntry(Arena call, MemorySegment errno, int fd, byte[] dirPath, MemorySegment buffer,
            long record, int recordLength, List<DirectoryEntry> entries) throws IOException {
        long nameStart = record + D_NAME;
        long limit = record + recordLength;
        long nameEnd = nameStart;
        while (nameEnd < limit && buffer.get(JAVA_BYTE, nameEnd) != 0) {
            nameEnd++;
        }
        int nameLength = (int) (nameEnd - nameStart);
        if (isDotOrDotDot(buffer, nameStart, nameLength)) {
            return;
        }
        byte[] name = buffer.asSlice(nameStart, nameLength).toArray(JAVA_BYTE);
        EntryType type = switch (buffer.get(JAVA_BYTE, record + D_TYPE)) {
            case DT_DIR -> EntryType.DIRECTORY;
            case DT_REG -> EntryType.FILE;
            case DT_LNK -> EntryType.SYMLINK;
            // some file systems (xfs without ftype, some FUSE) do not fill d_type: ask statx
            case DT_UNKNOWN -> statType(call, errno, fd, name, childPath(dirPath, name)).orElse(null);
            default -> EntryType.OTHER;
        };
        if (type != null) { // null: vanished before we could look at it
            entries.add(new DirectoryEntry(name, type));
        }
    }

    private static byte[] childPath(byte[] dirPath, byte[] name) {
        byte[] child = Arrays.copyOf(dirPath, dirPath.length + 1 + name.length);
        child[dirPath.length] = '/';
        System.arraycopy(name, 0, child, dirPath.length + 1, name.length);
        return child;
    }

    private static boolean isDotOrDotDot(MemorySegment buffer, long start, int length) {
        return (length == 1 && buffer.get(JAVA_BYTE, start) == '.')
                || (length == 2 && buffer.get(JAVA_BYTE, start) == '.' && buffer.get(JAVA_BYTE, start + 1) == '.');
    }

    private static Optional<EntryType> statType(Arena call, MemorySegment errno, int dirFd, byte[] path,
            byte[] pathForErrors) throws IOException {
        MemorySegment cPath = LibC.cString(call, path);
        MemorySegment statx = call.allocate(STATX_BYTES, 8);
        while (true) {
            if (LibC.statx(errno, dirFd, cPath, Linux.AT_SYMLINK_NOFOLLOW, STATX_TYPE, statx) == 0) {
                int mode = Short.toUnsignedInt(statx.get(JAVA_SHORT, STX_MODE));
                return Optional.of(switch (mode & S_IFMT) {
                    case S_IFDIR -> EntryType.DIRECTORY;
                    case S_IFREG -> EntryType.FILE;
                    case S_IFLNK -> EntryType.SYMLINK;
                    default -> EntryType.OTHER;
                });
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
