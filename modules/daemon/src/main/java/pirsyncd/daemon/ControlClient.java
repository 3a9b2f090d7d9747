package pirsyncd.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The client side of the control socket, for {@code status}, {@code stop}, {@code resync},
 * {@code metrics} and {@code start}'s wait. Every exchange has a deadline: a daemon that accepts
 * but never answers (stopped with SIGSTOP, or overloaded) must not hang a script or a person.
 * It reads the reply with {@link TinyJson}: {@code status} must answer in well under 150 ms.
 */
final class ControlClient {
    private ControlClient() {}

    /** A reply larger than this is not a reply of ours. */
    private static final int MAX_REPLY_BYTES = 16 << 20;

    /**
     * The daemon's answer.
     *
     * @param fields the reply object as read: {@code ok}, {@code error}, {@code message},
     *     {@code text}, {@code status}, {@code flushed}...
     */
    record Reply(Map<String, Object> fields) {
        Reply {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        /** Whether the request was carried out. */
        boolean ok() {
            return Boolean.TRUE.equals(fields.get("ok"));
        }

        /** Why not, when not. */
        Optional<String> error() {
            return string("error");
        }

        /** A sentence for people (resync, stop). */
        Optional<String> message() {
            return string("message");
        }

        /** What to print: a rendered table, metrics page, or pretty-printed status JSON. */
        Optional<String> text() {
            return string("text");
        }

        /** For {@code stop}: whether the final sync finished within the shutdown timeout. */
        Optional<Boolean> flushed() {
            return fields.get("flushed") instanceof Boolean flushed ? Optional.of(flushed) : Optional.empty();
        }

        /** A number in the {@code status} object, e.g. {@code pid} or {@code shutdownTimeout}. */
        OptionalDouble statusNumber(String key) {
            if (fields.get("status") instanceof Map<?, ?> status && status.get(key) instanceof Number number) {
                return OptionalDouble.of(number.doubleValue());
            }
            return OptionalDouble.empty();
        }

        private Optional<String> string(String key) {
            return fields.get(key) instanceof String value ? Optional.of(value) : Optional.empty();
        }
    }

    /** Why no answer came. */
    sealed interface Failure {
        /** No socket file, or nobody accepting on it (a crashed daemon's leftover). */
        record NotRunning() implements Failure {}

        /** The socket is there but we may not use it. */
        record PermissionDenied() implements Failure {}

        /** Connected (or connecting), but no complete reply came within the deadline. */
        record NotAnswering(Duration waited) implements Failure {}

        /** Connected, but the exchange failed. */
        record Broken(String reason) implements Failure {}
    }

    /** Thrown for a {@link Failure}; the command turns it into a one-line message. */
    static final class ControlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        ControlException(Failure failure) {
            super(failure.toString(), null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    /**
     * Sends one request and waits for the one reply, at most {@code deadline} in all (connecting
     * included: connect(2) blocks too once a stopped daemon's backlog is full).
     */
    static Reply send(Path socket, ControlRequest request, Duration deadline) throws ControlException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new ControlException(new Failure.Broken(String.valueOf(e.getMessage())));
        }
        Watchdog watchdog = Watchdog.start(channel, deadline);
        try (channel) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (java.net.SocketException e) {
                // connect(2) on a path: ENOENT (no file) or ECONNREFUSED (no listener) both mean
                // "not running"; EACCES means the folder or socket is someone else's
                String reason = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (reason.contains("permission denied")) {
                    throw new ControlException(new Failure.PermissionDenied());
                }
                throw new ControlException(new Failure.NotRunning());
            } catch (IOException e) {
                throw watchdog.expired() ? notAnswering(deadline) : new ControlException(new Failure.NotRunning());
            }
            ByteBuffer out = ByteBuffer.wrap(request.toJsonLine().getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
            ByteArrayOutputStream in = new ByteArrayOutputStream(4096);
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                in.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                if (in.size() > MAX_REPLY_BYTES) {
                    throw new ControlException(new Failure.Broken("the reply is larger than " + MAX_REPLY_BYTES + " bytes"));
                }
            }
            if (in.size() == 0) {
                throw new ControlException(new Failure.Broken("the daemon closed the connection without a reply"));
            }
            return parse(in.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the watchdog closed the channel under a blocked read or write
            throw watchdog.expired() ? notAnswering(deadline)
                    : new ControlException(new Failure.Broken(String.valueOf(e.getMessage())));
        } finally {
            watchdog.cancel();
        }
    }

    private static ControlException notAnswering(Duration deadline) {
        return new ControlException(new Failure.NotAnswering(deadline));
    }

    private static Reply parse(String reply) throws ControlException {
        Object value;
        try {
            value = TinyJson.parse(reply);
        } catch (IllegalArgumentException e) {
            throw new ControlException(new Failure.Broken("the reply is " + e.getMessage()));
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw new ControlException(new Failure.Broken("the reply is not a JSON object"));
        }
        @SuppressWarnings("unchecked") // TinyJson's objects have string keys
        Map<String, Object> fields = (Map<String, Object>) object;
        return new Reply(fields);
    }

    /**
     * Closes the channel when the deadline passes, which wakes a thread blocked in connect, read
     * or write on it (an asynchronous close, {@link java.nio.channels.InterruptibleChannel}); a
     * Unix socket channel has no timeout option of its own. A plain sleeping thread: the client
     * is one short process and this is its only timer.
     */
    private static final class Watchdog implements Runnable {
        private final SocketChannel channel;
        private final long millis;
        private final Thread thread;
        private volatile boolean expired;

        private Watchdog(SocketChannel channel, Duration deadline) {
            this.channel = channel;
            this.millis = Math.max(1, deadline.toMillis());
            this.thread = new Thread(this, "control-client-deadline");
            thread.setDaemon(true);
        }

        static Watchdog start(SocketChannel channel, Duration deadline) {
            Watchdog watchdog = new Watchdog(channel, deadline);
            watchdog.thread.start();
            return watchdog;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException answered) {
                return;
            }
            expired = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing was all we wanted
            }
        }

        boolean expired() {
            return expired;
        }

        void cancel() {
            thread.interrupt();
        }
    }
}
