package pirsyncd.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * The instance's control socket: accepts connections, lets in only this user and root (the
 * peer's credentials from SO_PEERCRED, unix(7)), reads one request of at most
 * {@value #MAX_REQUEST_BYTES} bytes within {@link #READ_TIMEOUT}, answers with one JSON object and
 * closes. A bad client (junk, too big, too slow, too many at once) gets an error reply or is
 * dropped; it can hold up neither the daemon nor other clients.
 *
 * <p>Threads: one acceptor thread owns the server channel; each connection is served on its own
 * virtual thread, at most {@value #MAX_CONNECTIONS} at a time; one timer thread closes
 * connections whose request does not arrive in time (a blocking read on a Unix socket channel has
 * no timeout of its own, but closing the channel wakes it).
 */
final class ControlServer implements AutoCloseable {
    static final int MAX_REQUEST_BYTES = 4096;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_CONNECTIONS = 16;

    private static final TaggedLogger LOG = Logger.tag("control");

    private final Path socket;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final UserPrincipal owner;
    private final UserPrincipal root;
    private final ObjectMapper json = new ObjectMapper();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final ScheduledExecutorService timer;
    private final Thread acceptor;

    private ControlServer(Path socket, ServerSocketChannel server, ControlHandler handler, UserPrincipal owner,
            UserPrincipal root) {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.owner = owner;
        this.root = root;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("control-timeout").daemon(true).factory());
        this.acceptor = Thread.ofPlatform().name("control-accept").daemon(true).unstarted(this::acceptLoop);
    }

    /**
     * Binds the socket (replacing a stale one: the caller holds the instance lock, so no live
     * daemon owns it), makes it 0600 and starts serving.
     */
    static ControlServer start(Path socket, ControlHandler handler) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket), MAX_CONNECTIONS);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            UserPrincipal owner = Files.getOwner(socket);
            UserPrincipal root = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root");
            ControlServer control = new ControlServer(socket, server, handler, owner, root);
            control.acceptor.start();
            LOG.info("control socket {} ready", socket);
            return control;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("control socket accept failed: {}", e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                LOG.warn("control socket: more than {} clients at once; dropping one", MAX_CONNECTIONS);
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().name("control-client").start(() -> {
                try {
                    serve(client);
                } finally {
                    closeQuietly(client);
                    slots.release();
                }
            });
        }
    }

    private void serve(SocketChannel client) {
        try {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            boolean allowed = peer.user().equals(owner) || peer.user().equals(root);
            // the request is read even from a stranger, so that the refusal reaches them instead
            // of a reset; it is never parsed
            String line = readRequest(client);
            if (line == null) {
                return;
            }
            if (!allowed) {
                LOG.warn("control socket: refused user {} (only {} and root may control this instance)",
                        peer.user().getName(), owner.getName());
                reply(client, error("permission denied: this instance belongs to " + owner.getName()
                        + "; run the command as that user or root"));
                return;
            }
            reply(client, answer(line));
        } catch (IOException e) {
            // the client went away or timed out: nothing to answer
            LOG.debug("control socket: client dropped: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error(e, "control socket: request failed");
            try {
                reply(client, error("internal error: " + e + "; see the daemon's log"));
            } catch (IOException ignored) {
                // the client went away
            }
        }
    }

    /** Reads up to a newline or end of stream; null (after an error reply when possible) if it is bad. */
    private String readRequest(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_REQUEST_BYTES + 1);
        ScheduledFuture<?> deadline = timer.schedule(() -> closeQuietly(client),
                READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            while (buffer.hasRemaining()) {
                int before = buffer.position();
                if (client.read(buffer) < 0) {
                    break;
                }
                if (containsNewline(buffer, before)) {
                    break;
                }
            }
        } finally {
            deadline.cancel(false);
        }
        if (!buffer.hasRemaining() && !containsNewline(buffer, 0)) {
            reply(client, error("request too large: at most " + MAX_REQUEST_BYTES + " bytes"));
            discardRest(client);
            return null;
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    /**
     * Reads and drops what the client still sends (bounded in time and size), so that our close
     * does not turn into a reset that destroys the error reply before the client reads it.
     */
    private void discardRest(SocketChannel client) throws IOException {
        client.shutdownOutput();
        ScheduledFuture<?> deadline = timer.schedule(() -> closeQuietly(client),
                READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ByteBuffer sink = ByteBuffer.allocate(8192);
            long discarded = 0;
            while (discarded < 1 << 20 && client.read(sink) >= 0) {
                discarded += sink.position();
                sink.clear();
            }
        } finally {
            deadline.cancel(false);
        }
    }

    private static boolean containsNewline(ByteBuffer buffer, int from) {
        for (int i = from; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    private ObjectNode answer(String line) throws InterruptedException {
        ControlRequest request;
        try {
            request = parse(line);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        LOG.debug("control socket: {}", request);
        ObjectNode reply = json.createObjectNode().put("ok", true);
        switch (request.command()) {
            case STATUS -> {
                StatusReport status = handler.status();
                switch (request.format()) {
                    // the object for programs that speak the protocol, and the same pretty-printed for
                    // the client to print as it is: the client then needs no JSON writer of its own
                    case JSON -> {
                        reply.set("status", json.valueToTree(status));
                        reply.put("text", prettyJson(status));
                    }
                    case TEXT -> reply.put("text", StatusTable.render(status));
                }
            }
            case METRICS -> reply.put("text", PrometheusMetrics.render(handler.status()));
            case RESYNC -> reply.put("message", handler.resync("requested on the control socket"));
            case STOP -> {
                StopOutcome outcome = handler.stop("requested on the control socket");
                reply.put("message", outcome.message()).put("flushed", outcome.flushed());
            }
        }
        return reply;
    }

    private String prettyJson(StatusReport status) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(status) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }

    private ControlRequest parse(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed request: expected one JSON object such as {\"request\":\"status\"}");
        }
        if (node == null || !node.isObject() || !node.path("request").isTextual()) {
            throw new IllegalArgumentException("malformed request: expected one JSON object such as {\"request\":\"status\"}");
        }
        ControlRequest.Command command = null;
        for (ControlRequest.Command candidate : ControlRequest.Command.values()) {
            if (candidate.wireName().equals(node.get("request").asText())) {
                command = candidate;
            }
        }
        if (command == null) {
            throw new IllegalArgumentException("unknown request \"" + node.get("request").asText()
                    + "\": expected status, resync, stop or metrics");
        }
        String formatName = node.path("format").asText("json");
        ControlRequest.Format format = null;
        for (ControlRequest.Format candidate : ControlRequest.Format.values()) {
            if (candidate.wireName().equals(formatName)) {
                format = candidate;
            }
        }
        if (format == null) {
            throw new IllegalArgumentException("unknown format \"" + formatName + "\": expected json or text");
        }
        return new ControlRequest(command, format);
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("ok", false).put("error", message);
    }

    private void reply(SocketChannel client, ObjectNode reply) throws IOException {
        byte[] bytes = (json.writeValueAsString(reply) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            client.write(buffer);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /**
     * Stops accepting, lets the connections being served finish their reply (bounded), and
     * removes the socket file.
     */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            if (slots.tryAcquire(MAX_CONNECTIONS, READ_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                slots.release(MAX_CONNECTIONS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        Files.deleteIfExists(socket);
    }
}
