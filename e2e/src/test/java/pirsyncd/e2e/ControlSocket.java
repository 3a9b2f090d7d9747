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
 * close), for the frequent polls while waiting: a {@code bin/pirsyncd status --json} per poll would start
 * a JVM each time on a machine already busy. Every wait still ends with one real
 * {@code status --json} through the CLI (see {@link Daemon#awaitSettled}).
 */
final class ControlSocket {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlSocket() {}

    /** The status, or empty when nobody answers (not running, or mid-restart). */
    static Optional<DaemonStatus> status(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("{\"request\":\"status\",\"format\":\"json\"}\n".getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            JsonNode status = JSON.readTree(reply.toByteArray()).path("status");
            return status.isObject() ? Optional.of(DaemonStatus.parse(JSON.writeValueAsString(status))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
