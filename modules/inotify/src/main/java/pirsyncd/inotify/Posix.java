package pirsyncd.inotify;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** The few process and file calls the daemon needs that the JDK does not offer by raw bytes. */
public final class Posix {
    private Posix() {}

    /** The real user id of this process ({@code getuid(2)}; cannot fail). */
    public static int getuid() {
        return LibC.getuid();
    }

    /** The id of this process ({@code getpid(2)}; cannot fail). */
    public static int getpid() {
        return LibC.getpid();
    }

    /**
     * Makes this process the leader of a new session, detached from its controlling terminal
     * ({@code setsid(2)}).
     *
     * @throws NativeException EPERM when the process is already a process group leader
     */
    public static void setsid() throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = LibC.allocateErrno(call);
            if (LibC.setsid(errno) < 0) {
                throw Errors.of("setsid", LibC.errno(errno));
            }
        }
    }

    /**
     * Renames {@code from} to {@code to}, both absolute raw-byte paths ({@code rename(2)}):
     * atomic, replaces an existing {@code to} of the same kind, never copies.
     *
     * @throws java.nio.file.NoSuchFileException {@code from} or the parent of {@code to} is missing
     * @throws java.nio.file.AccessDeniedException a directory cannot be written
     * @throws NativeException EXDEV across file systems, ENOTEMPTY, EISDIR, EROFS, ...
     */
    public static void rename(byte[] from, byte[] to) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = LibC.allocateErrno(call);
            MemorySegment cFrom = LibC.cString(call, from);
            MemorySegment cTo = LibC.cString(call, to);
            while (LibC.rename(errno, cFrom, cTo) != 0) {
                int failure = LibC.errno(errno);
                if (failure != Errno.EINTR.number()) {
                    throw Errors.of("rename", failure, from, to);
                }
            }
        }
    }
}
