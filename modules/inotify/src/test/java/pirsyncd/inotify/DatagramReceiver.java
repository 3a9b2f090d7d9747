package pirsyncd.inotify;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * A bound AF_UNIX datagram socket for tests (the JDK has none), receiving what SystemdNotify
 * sends. Uses LibC for socket/poll/close and links bind/recv itself.
 */
@SuppressWarnings("restricted") // test support: linking bind and recv
final class DatagramReceiver implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle BIND = LINKER.downcallHandle(LINKER.defaultLookup().find("bind").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = LINKER.downcallHandle(LINKER.defaultLookup().find("recv").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final int SOCK_NONBLOCK = Linux.O_NONBLOCK;

    private final Arena arena = Arena.ofConfined();
    private final int fd;

    /** Binds {@code address}: an absolute path, or "@name" for the abstract namespace. */
    DatagramReceiver(String address) throws Throwable {
        MemorySegment errno = LibC.allocateErrno(arena);
        fd = LibC.socket(errno, Linux.AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) {
            throw Errors.of("socket", LibC.errno(errno));
        }
        byte[] bytes = address.getBytes(StandardCharsets.UTF_8);
        MemorySegment sockaddr = arena.allocate(110, 2);
        sockaddr.set(JAVA_SHORT, 0, (short) Linux.AF_UNIX);
        int length;
        if (bytes[0] == '@') {
            MemorySegment.copy(bytes, 1, sockaddr, JAVA_BYTE, 3, bytes.length - 1);
            length = 2 + bytes.length;
        } else {
            MemorySegment.copy(bytes, 0, sockaddr, JAVA_BYTE, 2, bytes.length);
            length = 2 + bytes.length + 1;
        }
        if ((int) BIND.invokeExact(fd, sockaddr, length) != 0) {
            throw new IOException("bind(" + address + ") failed");
        }
    }

    /** The next datagram, waiting at most {@code timeoutMillis}. */
    String receive(int timeoutMillis) throws Throwable {
        MemorySegment errno = LibC.allocateErrno(arena);
        MemorySegment pollFd = arena.allocate(8, 4);
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, Linux.POLLIN);
        if (LibC.poll(errno, pollFd, 1, timeoutMillis) != 1) {
            throw new AssertionError("no datagram within " + timeoutMillis + " ms");
        }
        MemorySegment buffer = arena.allocate(4096);
        long received = (long) RECV.invokeExact(fd, buffer, 4096L, 0);
        if (received < 0) {
            throw new IOException("recv failed");
        }
        return new String(buffer.asSlice(0, received).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        LibC.close(LibC.allocateErrno(arena), fd);
        arena.close();
    }
}
