package pirsyncd.inotify;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lists directories by raw bytes, reusing its native memory from one listing to the next: for a
 * thread that lists many directories, such as a walk of the source tree. Each listing is one
 * {@code openat}, a few {@code getdents64(2)} calls and a {@code close}; the entry type comes from
 * {@code d_type}. {@link Directories#list} does the same for a single directory.
 *
 * <p>A listing needs a 16 KiB buffer for {@code getdents64}; native memory is zero-filled when
 * allocated, so allocating it per directory would zero 1.6 GB for a walk of 100,000 directories.
 * A lister allocates it (and the path and {@code statx} buffers) once.
 *
 * <p>Symbolic links are never followed: the directory itself is opened with
 * {@code O_NOFOLLOW}, and entry types come from {@code d_type} or, when the file system reports
 * {@code DT_UNKNOWN}, from {@code statx(AT_SYMLINK_NOFOLLOW)}.
 *
 * <p>Confined to the thread that opened it: use and close it there (another thread gets
 * {@link WrongThreadException}). {@link #close()} frees the memory and is idempotent.
 */
public final class DirectoryLister implements AutoCloseable {
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

    // holds a few hundred entries: most directories are read in one call (and a second that returns 0)
    private static final long BUFFER_BYTES = 16 * 1024;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = LibC.allocateErrno(arena);
    private final MemorySegment buffer = arena.allocate(BUFFER_BYTES, 8);
    // the directory's path for openat, then an entry's name for statx (at most 255 bytes)
    private final MemorySegment path = arena.allocate(Linux.PATH_MAX);
    private final MemorySegment statx = arena.allocate(Directories.STATX_BYTES, 8);

    private DirectoryLister() {}

    /** A lister confined to the calling thread; close it when done. */
    public static DirectoryLister open() {
        return new DirectoryLister();
    }

    /**
     * The entries of the directory {@code absoluteDirPath}, without "." and "..", in the order the
     * file system returns them. Entries that vanish while their type is being looked up are left
     * out.
     *
     * @throws java.nio.file.NoSuchFileException the directory does not exist (it may have vanished)
     * @throws java.nio.file.NotDirectoryException it is not a directory, or is a symbolic link
     * @throws java.nio.file.AccessDeniedException it cannot be read
     * @throws NativeException any other failure (EMFILE with the limit to raise, ENAMETOOLONG, EIO, ...)
     * @throws IllegalStateException after {@link #close()}
     */
    public List<DirectoryEntry> list(byte[] absoluteDirPath) throws IOException {
        int fd = open(absoluteDirPath);
        try {
            return readEntries(fd, absoluteDirPath);
        } finally {
            LibC.close(errno, fd); // read-only descriptor: nothing to report on failure
        }
    }

    /**
     * The device and link count of the directory {@code absoluteDirPath}, not following a final
     * symbolic link ({@code statx(AT_SYMLINK_NOFOLLOW)}, with this lister's buffers): one call where
     * a listing takes four, for a walker that can tell from the link count that a directory holds
     * no subdirectories (see {@link DirectoryLinks}).
     *
     * @throws java.nio.file.NoSuchFileException it does not exist (it may have vanished)
     * @throws java.nio.file.NotDirectoryException it is not a directory, or is a symbolic link
     * @throws java.nio.file.AccessDeniedException a parent cannot be searched
     * @throws NativeException any other failure (ENAMETOOLONG, EIO, ...)
     * @throws IllegalStateException after {@link #close()}
     */
    public DirectoryLinks links(byte[] absoluteDirPath) throws IOException {
        if (absoluteDirPath.length >= Linux.PATH_MAX) {
            throw Errors.of("statx", Errno.ENAMETOOLONG.number(), absoluteDirPath);
        }
        MemorySegment cPath = LibC.cString(path, absoluteDirPath);
        while (true) {
            if (LibC.statx(errno, Linux.AT_FDCWD, cPath, Linux.AT_SYMLINK_NOFOLLOW, Directories.STATX_TYPE_AND_LINKS,
                    statx) == 0) {
                if (Directories.type(statx) != EntryType.DIRECTORY) {
                    throw Errors.of("statx", Errno.ENOTDIR.number(), absoluteDirPath);
                }
                return Directories.links(statx);
            }
            int failure = LibC.errno(errno);
            if (failure != Errno.EINTR.number()) {
                throw Errors.of("statx", failure, absoluteDirPath);
            }
        }
    }

    /** Frees the buffers; idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    private int open(byte[] dirPath) throws IOException {
        if (dirPath.length >= Linux.PATH_MAX) {
            // what openat would say: the kernel copies at most PATH_MAX bytes, NUL included
            throw Errors.of("openat", Errno.ENAMETOOLONG.number(), dirPath);
        }
        MemorySegment cPath = LibC.cString(path, dirPath);
        int flags = Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC;
        while (true) {
            int fd = LibC.openat(errno, Linux.AT_FDCWD, cPath, flags);
            if (fd >= 0) {
                return fd;
            }
            int failure = LibC.errno(errno);
            if (failure != Errno.EINTR.number()) {
                throw Errors.of("openat", failure, dirPath);
            }
        }
    }

    private List<DirectoryEntry> readEntries(int fd, byte[] dirPath) throws IOException {
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
                addEntry(fd, dirPath, offset, recordLength, entries);
                offset += recordLength;
            }
        }
    }

    private void addEntry(int fd, byte[] dirPath, long record, int recordLength, List<DirectoryEntry> entries)
            throws IOException {
        long nameStart = record + D_NAME;
        long limit = record + recordLength;
        long nameEnd = nameStart;
        while (nameEnd < limit && buffer.get(JAVA_BYTE, nameEnd) != 0) {
            nameEnd++;
        }
        int nameLength = (int) (nameEnd - nameStart);
        if (isDotOrDotDot(nameStart, nameLength)) {
            return;
        }
        byte[] name = new byte[nameLength];
        MemorySegment.copy(buffer, JAVA_BYTE, nameStart, name, 0, nameLength);
        EntryType type = switch (buffer.get(JAVA_BYTE, record + D_TYPE)) {
            case DT_DIR -> EntryType.DIRECTORY;
            case DT_REG -> EntryType.FILE;
            case DT_LNK -> EntryType.SYMLINK;
            // some file systems (xfs without ftype, some FUSE) do not fill d_type: ask statx,
            // relative to the open directory (a name is at most 255 bytes: it fits the path buffer)
            case DT_UNKNOWN -> Directories.statType(errno, fd, LibC.cString(path, name), statx,
                    childPath(dirPath, name)).orElse(null);
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

    private boolean isDotOrDotDot(long start, int length) {
        return (length == 1 && buffer.get(JAVA_BYTE, start) == '.')
                || (length == 2 && buffer.get(JAVA_BYTE, start) == '.' && buffer.get(JAVA_BYTE, start + 1) == '.');
    }
}
