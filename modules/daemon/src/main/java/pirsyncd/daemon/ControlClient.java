package pirsyncd.daemon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The client side of the control socket, for {@code status}, {@code stop}, {@code resync} and
 * {@code metrics}. It reads the reply with Jackson's streaming parser only: {@code status} must
 * answer in well under 150 ms, and an object mapper's warm-up alone costs a good part of that.
 */
final class ControlClient {
    private ControlClient() {}

    /**
     * The daemon's answer.
     *
     * @param ok whether the request was carried out
     * @param error why not, when not
     * @param message a sentence for people (resync, stop)
     * @param text a rendered table or metrics page
     * @param statusJson the status object, pretty-printed, when asked for as JSON
     */
    record Reply(boolean ok, Optional<String> error, Optional<String> message, Optional<String> text,
            Optional<String> statusJson) {}

    /** Why no answer came: nothing listens, or the connection broke. */
    sealed interface Failure {
        /** No socket file, or nobody accepting on it (a crashed daemon's leftover). */
        record NotRunning() implements Failure {}

        /** The socket is there but we may not use it. */
        record PermissionDenied() implements Failure {}

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

    /** Sends one request and waits for the one reply. */
    static Reply send(Path socket, ControlRequest request) throws ControlException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new ControlException(new Failure.Broken(String.valueOf(e.getMessage())));
        }
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
                throw new ControlException(new Failure.NotRunning());
            }
            ByteBuffer out = ByteBuffer.wrap(request.toJsonLine().getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
            ByteArrayOutputStream in = new ByteArrayOutputStream(1024);
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                in.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            if (in.size() == 0) {
                throw new ControlException(new Failure.Broken("the daemon closed the connection without a reply"));
            }
            return parse(in.toByteArray());
        } catch (IOException e) {
            throw new ControlException(new Failure.Broken(String.valueOf(e.getMessage())));
        }
    }

    private static Reply parse(byte[] reply) throws IOException {
        JsonFactory factory = new JsonFactory();
        boolean ok = false;
        String error = null;
        String message = null;
        String text = null;
        String statusJson = null;
        try (JsonParser parser = factory.createParser(reply)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the reply is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "ok" -> ok = parser.getValueAsBoolean();
                    case "error" -> error = parser.getValueAsString();
                    case "message" -> message = parser.getValueAsString();
                    case "text" -> text = parser.getValueAsString();
                    case "status" -> statusJson = pretty(factory, parser);
                    default -> parser.skipChildren();
                }
            }
        }
        return new Reply(ok, Optional.ofNullable(error), Optional.ofNullable(message), Optional.ofNullable(text),
                Optional.ofNullable(statusJson));
    }

    private static String pretty(JsonFactory factory, JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.useDefaultPrettyPrinter();
            generator.copyCurrentStructure(parser);
        }
        return out.toString();
    }
}
