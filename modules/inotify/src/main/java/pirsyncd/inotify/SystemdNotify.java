package pirsyncd.inotify;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * Sends state notifications to the service manager, as {@code sd_notify(3)} does: one datagram
 * such as {@code "READY=1\nSTATUS=watching 1200 directories"} to the unix socket named in
 * {@code $NOTIFY_SOCKET}. Stateless: each {@link #send} opens, sends on and closes its own socket.
 */
public final class SystemdNotify {
    private static final TaggedLogger LOG = Logger.tag("inotify");

    /*
     * struct sockaddr_un {                  // sys/un.h, unix(7)
     *     sa_family_t sun_family;           // offset 0: AF_UNIX (unsigned short)
     *     char        sun_path[108];        // offset 2: path, or NUL + abstract name
     * };
     */
    private static final long SUN_FAMILY = 0;
    private static final long SUN_PATH = 2;
    private static final int SUN_PATH_BYTES = 108;
    private static final long SOCKADDR_UN_BYTES = SUN_PATH + SUN_PATH_BYTES;

    private final byte[] address;
    private final boolean abstractName;

    private SystemdNotify(byte[] address, boolean abstractName) {
        this.address = address;
        this.abstractName = abstractName;
    }

    /**
     * The notifier for {@code $NOTIFY_SOCKET}, or empty when the variable is unset or empty (not
     * started by systemd with {@code Type=notify}). An unusable value is logged once and treated
     * as absent: failing to notify must not stop the daemon.
     */
    public static Optional<SystemdNotify> fromEnvironment() {
        String value = System.getenv("NOTIFY_SOCKET");
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(forSocket(value));
        } catch (IllegalArgumentException unusable) {
            LOG.warn("ignoring NOTIFY_SOCKET: {}", unusable.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The notifier for a socket address in {@code $NOTIFY_SOCKET} syntax: an absolute path, or
     * {@code @name} for a name in the abstract namespace.
     *
     * @throws IllegalArgumentException naming the problem: neither '/' nor '@' first (vsock
     *     addresses are not supported), or longer than the 107 bytes a unix address can hold
     */
    public static SystemdNotify forSocket(String socketAddress) {
        byte[] bytes = socketAddress.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = socketAddress.startsWith("@");
        if (!abstractName && !socketAddress.startsWith("/")) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=" + socketAddress
                    + " is neither an absolute socket path nor an @abstract name; only unix sockets are supported");
        }
        if (bytes.length > SUN_PATH_BYTES - 1) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=" + socketAddress + " is " + bytes.length
                    + " bytes; a unix socket address holds at most " + (SUN_PATH_BYTES - 1));
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("NOTIFY_SOCKET contains a NUL byte");
            }
        }
        return new SystemdNotify(bytes, abstractName);
    }

    /**
     * Sends {@code state} (newline-separated {@code KEY=value} assignments, e.g.
     * {@code "READY=1"}, {@code "STOPPING=1"}, {@code "STATUS=..."}) as one datagram.
     *
     * @throws java.nio.file.NoSuchFileException the socket path does not exist
     * @throws NativeException ECONNREFUSED when nothing listens, EMSGSIZE, ...
     */
    public void send(String state) throws IOException {
        byte[] message = state.getBytes(StandardCharsets.UTF_8);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = LibC.allocateErrno(call);
            MemorySegment sockaddr = call.allocate(SOCKADDR_UN_BYTES, 2);
            int addressLength = layOut(sockaddr);
            MemorySegment data = call.allocate(Math.max(1, message.length));
            MemorySegment.copy(message, 0, data, JAVA_BYTE, 0, message.length);
            int fd = LibC.socket(errno, Linux.AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Errors.of("socket", LibC.errno(errno));
            }
            try {
                while (LibC.sendto(errno, fd, data, message.length, Linux.MSG_NOSIGNAL, sockaddr, addressLength) < 0) {
                    int failure = LibC.errno(errno);
                    if (failure != Errno.EINTR.number()) {
                        throw Errors.of("sendto", failure, address);
                    }
                }
            } finally {
                LibC.close(errno, fd);
            }
        }
    }

    /** Fills {@code sockaddr} and returns the address length to pass to sendto. */
    private int layOut(MemorySegment sockaddr) {
        sockaddr.set(JAVA_SHORT, SUN_FAMILY, (short) Linux.AF_UNIX);
        if (abstractName) {
            // unix(7): an abstract address is a NUL followed by the name, length counted exactly
            // (no terminator); '@' is systemd's spelling of that leading NUL
            MemorySegment.copy(address, 1, sockaddr, JAVA_BYTE, SUN_PATH + 1, address.length - 1);
            return (int) SUN_PATH + address.length;
        }
        MemorySegment.copy(address, 0, sockaddr, JAVA_BYTE, SUN_PATH, address.length);
        return (int) SUN_PATH + address.length + 1; // including the terminating NUL
    }

    @Override
    public String toString() {
        return "SystemdNotify[" + new String(address, StandardCharsets.UTF_8) + "]";
    }
}
