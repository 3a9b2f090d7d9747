package pirsyncd.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The daemon's control socket spoken directly (issue 7: one JSON request line, one JSON reply, then
 * close), for what the suite does over and over: the polls while waiting, and the stop that ends every
 * scenario. A {@code bin/pirsyncd status --json} per poll, or a {@code bin/pirsyncd stop} per scenario,
 * would start a client JVM each time on a machine already busy; the daemon serves both the same way.
 * The command-line client itself is driven by {@code ChangesIT.createModifyAndDeleteReachTheReplica}
 * ({@code start}, {@code status --json}, {@code stop} on every destination kind) and by every
 * scenario's {@code start}.
 */
final class ControlSocket {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlSocket() {}

    /** The status, or empty when nobody answers (not running, or mid-restart). */
    static Optional<DaemonStatus> status(Path socket) {
        return request(socket, "{\"request\":\"status\",\"format\":\"json\"}\n")
                .map(reply -> reply.path("status"))
                .filter(JsonNode::isObject)
                .map(status -> DaemonStatus.parse(status.toString()));
    }

    /**
     * Asks the daemon to stop, as {@code bin/pirsyncd stop} does; the reply comes after its final sync
     * (bounded by the daemon's own shutdown timeout). Returns the reply's message, or empty when
     * nobody answers.
     */
    static Optional<String> stop(Path socket) {
        return request(socket, "{\"request\":\"stop\",\"format\":\"json\"}\n")
                .map(reply -> reply.path("message").asText(reply.toString()));
    }

    private static Optional<JsonNode> request(Path socket, String line) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return Optional.of(JSON.readTree(reply.toByteArray()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
