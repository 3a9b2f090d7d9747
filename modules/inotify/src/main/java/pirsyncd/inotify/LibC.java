package pirsyncd.inotify;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library functions pirsyncd calls, each linked once into a {@code private static final}
 * handle and called with {@code invokeExact} through a typed wrapper.
 *
 * <p>Every call that can fail takes a capture segment first: errno is captured by the linker
 * ({@link Linker.Option#captureCallState}) right after the call, because the JVM itself may
 * overwrite the thread's errno before Java code could read it. Wrappers return the raw result; the
 * caller checks it and turns errno into an exception via {@link Errors}.
 */
// Linking downcalls is restricted: this class is the module's one place that does it, and the
// module is run with --enable-native-access=pirsyncd.inotify (see NativeAccess).
@SuppressWarnings("restricted")
final class LibC {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup C = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle INOTIFY_INIT1 = link("inotify_init1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle INOTIFY_ADD_WATCH =
            link("inotify_add_watch", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle INOTIFY_RM_WATCH =
            link("inotify_rm_watch", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = link("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle POLL = link("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle READ = link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // int openat(int dirfd, const char *pathname, int flags, ... /* mode_t mode */): variadic from 3
    private static final MethodHandle OPENAT = link("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle GETDENTS64 =
            link("getdents64", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle STATX =
            link("statx", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    // int statfs(const char *path, struct statfs *buf)
    private static final MethodHandle STATFS = link("statfs", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle RENAME = link("rename", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSID = link("setsid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SOCKET = link("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SENDTO = link("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    // getuid(2) and getpid(2) cannot fail: no errno to capture
    private static final MethodHandle GETUID = LINKER.downcallHandle(symbol("getuid"), FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETPID = LINKER.downcallHandle(symbol("getpid"), FunctionDescriptor.of(JAVA_INT));

    private LibC() {}

    private static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    private static MemorySegment symbol(String name) {
        return C.find(name).orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name + "()"));
    }

    /** A segment to receive errno, to be passed as first argument of the calls below. */
    static MemorySegment allocateErrno(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /** The errno captured by the last call that used this segment. */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** {@code path} as a NUL-terminated C string allocated in {@code arena}. */
    static MemorySegment cString(Arena arena, byte[] path) {
        checkNoNul(path);
        MemorySegment string = arena.allocate(path.length + 1L);
        MemorySegment.copy(path, 0, string, ValueLayout.JAVA_BYTE, 0, path.length);
        return string; // allocate() zero-fills, so the terminating NUL is already there
    }

    /**
     * {@code path} as a NUL-terminated C string written into {@code buffer}, which is returned; for
     * a caller that reuses one buffer for many calls. The caller checks that it fits.
     */
    static MemorySegment cString(MemorySegment buffer, byte[] path) {
        checkNoNul(path);
        MemorySegment.copy(path, 0, buffer, ValueLayout.JAVA_BYTE, 0, path.length);
        buffer.set(ValueLayout.JAVA_BYTE, path.length, (byte) 0);
        return buffer;
    }

    private static void checkNoNul(byte[] path) {
        for (byte b : path) {
            if (b == 0) {
                throw new IllegalArgumentException("a path cannot contain a NUL byte: " + Errors.forHumans(path));
            }
        }
    }

    // The MethodHandle contract: invokeExact is declared to throw Throwable, but a downcall only
    // throws on a linkage bug, so anything caught here is an internal error.
    private static AssertionError bug(Throwable t) {
        return new AssertionError("native call failed unexpectedly", t);
    }

    static int inotifyInit1(MemorySegment errno, int flags) {
        try {
            return (int) INOTIFY_INIT1.invokeExact(errno, flags);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int inotifyAddWatch(MemorySegment errno, int fd, MemorySegment path, int mask) {
        try {
            return (int) INOTIFY_ADD_WATCH.invokeExact(errno, fd, path, mask);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int inotifyRmWatch(MemorySegment errno, int fd, int wd) {
        try {
            return (int) INOTIFY_RM_WATCH.invokeExact(errno, fd, wd);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int eventfd(MemorySegment errno, int initialValue, int flags) {
        try {
            return (int) EVENTFD.invokeExact(errno, initialValue, flags);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int poll(MemorySegment errno, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(errno, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static long read(MemorySegment errno, int fd, MemorySegment buffer, long count) {
        try {
            return (long) READ.invokeExact(errno, fd, buffer, count);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static long write(MemorySegment errno, int fd, MemorySegment buffer, long count) {
        try {
            return (long) WRITE.invokeExact(errno, fd, buffer, count);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int close(MemorySegment errno, int fd) {
        try {
            return (int) CLOSE.invokeExact(errno, fd);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int openat(MemorySegment errno, int dirFd, MemorySegment path, int flags) {
        try {
            return (int) OPENAT.invokeExact(errno, dirFd, path, flags, 0);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static long getdents64(MemorySegment errno, int fd, MemorySegment buffer, long count) {
        try {
            return (long) GETDENTS64.invokeExact(errno, fd, buffer, count);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int statx(MemorySegment errno, int dirFd, MemorySegment path, int flags, int mask, MemorySegment statx) {
        try {
            return (int) STATX.invokeExact(errno, dirFd, path, flags, mask, statx);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int statfs(MemorySegment errno, MemorySegment path, MemorySegment statfs) {
        try {
            return (int) STATFS.invokeExact(errno, path, statfs);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int rename(MemorySegment errno, MemorySegment from, MemorySegment to) {
        try {
            return (int) RENAME.invokeExact(errno, from, to);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int setsid(MemorySegment errno) {
        try {
            return (int) SETSID.invokeExact(errno);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int socket(MemorySegment errno, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(errno, domain, type, protocol);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static long sendto(MemorySegment errno, int fd, MemorySegment data, long length, int flags,
            MemorySegment address, int addressLength) {
        try {
            return (long) SENDTO.invokeExact(errno, fd, data, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int getuid() {
        try {
            return (int) GETUID.invokeExact();
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw bug(t);
        }
    }
}
