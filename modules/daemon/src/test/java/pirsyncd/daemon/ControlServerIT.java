package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control socket on its own, against a real Unix socket: the protocol, and that bad clients
 * (junk, oversized, slow, another user) get an error or are dropped while the server keeps
 * answering. The daemon side is a fixed {@link ControlHandler}; the real daemon behind the socket
 * is covered by {@link DaemonIT}.
 */
@Timeout(60)
class ControlServerIT {
    @TempDir
    Path temp;

    private Path socket;
    private ControlServer server;
    private final AtomicInteger resyncs = new AtomicInteger();

    private final ControlHandler handler = new ControlHandler() {
        @Override
        public StatusReport status() {
            return new StatusReport("test", 42, "0.1.0", "2026-11-25T00:00:00Z", 61, "/src", "watching", null, 3, 0,
                    List.of(), 210, 17, 0, 5, 30,
                    List.of(new StatusReport.TargetReport("/dst", "/dst", "waiting", 5, false, "2026-11-25T00:01:02Z",
                            null, null, null, 0, 0, 0, 0, 0)));
        }

        @Override
        public String resync(String reason) {
            resyncs.incrementAndGet();
            return "full sync queued for 1 target";
        }

        @Override
        public StopOutcome stop(String reason) {
            return new StopOutcome(true, "stopping");
        }
    };

    @BeforeEach
    void start() throws IOException {
        socket = temp.resolve("t.sock");
        server = ControlServer.start(socket, handler);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void socketIsReadableAndWritableByItsOwnerOnly() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void statusComesBackAsJsonAndAsTable() throws Exception {
        ControlClient.Reply json = ControlClient.send(socket,
                new ControlRequest(ControlRequest.Command.STATUS, ControlRequest.Format.JSON), Client.ANSWER_BOUND);
        assertTrue(json.ok());
        String status = json.text().orElseThrow();
        assertTrue(status.contains("\"pid\" : 42"), status);
        assertTrue(status.contains("\"state\" : \"waiting\""), status);

        ControlClient.Reply text = ControlClient.send(socket,
                new ControlRequest(ControlRequest.Command.STATUS, ControlRequest.Format.TEXT), Client.ANSWER_BOUND);
        assertTrue(text.text().orElseThrow().contains("uptime    1m 01s"), text.text().orElseThrow());
    }

    @Test
    void resyncReachesTheDaemon() throws Exception {
        ControlClient.Reply reply = ControlClient.send(socket,
                new ControlRequest(ControlRequest.Command.RESYNC, ControlRequest.Format.TEXT), Client.ANSWER_BOUND);
        assertEquals("full sync queued for 1 target", reply.message().orElseThrow());
        assertEquals(1, resyncs.get());
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        ControlClient.Reply reply = ControlClient.send(socket,
                new ControlRequest(ControlRequest.Command.METRICS, ControlRequest.Format.TEXT), Client.ANSWER_BOUND);
        String metrics = reply.text().orElseThrow();
        assertTrue(metrics.contains("pirsyncd_pending_changes{pirsyncd_instance=\"test\"} 5\n"), metrics);
        assertTrue(metrics.contains(
                "pirsyncd_target_state{pirsyncd_instance=\"test\",target=\"/dst\",destination=\"/dst\",state=\"waiting\"} 1\n"), metrics);
    }

    @Test
    void junkGetsAnErrorReplyAndTheServerCarriesOn() throws Exception {
        for (String junk : List.of("hello\n", "{\"request\":\"explode\"}\n", "[1,2,3]\n", "{\"request\":\n",
                "\u0000\u0001\u0002\n", "{\"request\":\"status\",\"format\":\"xml\"}\n")) {
            String reply = exchange(junk.getBytes(StandardCharsets.UTF_8), true);
            assertTrue(reply.startsWith("{\"ok\":false,\"error\":"), junk + " -> " + reply);
        }
        assertServerStillAnswers();
    }

    @Test
    void anEmptyRequestIsAnErrorToo() throws Exception {
        String reply = exchange(new byte[0], true);
        assertTrue(reply.contains("malformed request"), reply);
        assertServerStillAnswers();
    }

    @Test
    void oversizedRequestIsRefused() throws Exception {
        byte[] big = new byte[ControlServer.MAX_REQUEST_BYTES * 4];
        java.util.Arrays.fill(big, (byte) 'x');
        String reply = exchange(big, false);
        assertTrue(reply.contains("request too large"), reply);
        assertServerStillAnswers();
    }

    @Test
    void slowClientIsDroppedWithoutHoldingUpOthers() throws Exception {
        try (SocketChannel slow = connect()) {
            slow.write(ByteBuffer.wrap("{\"req".getBytes(StandardCharsets.UTF_8)));
            // while the slow one dawdles, others are served
            assertServerStillAnswers();
            long start = System.nanoTime();
            ByteBuffer buffer = ByteBuffer.allocate(100);
            int read = slow.read(buffer); // returns when the server closes it on its read timeout
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(-1, read);
            assertTrue(waitedMillis < ControlServer.READ_TIMEOUT.toMillis() + 5_000, "dropped after " + waitedMillis);
        }
        assertServerStillAnswers();
    }

    @Test
    void manyIdleClientsAtOnceDoNotStopTheServer() throws Exception {
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < ControlServer.MAX_CONNECTIONS * 2; i++) {
                idle.add(connect());
            }
            // the server drops the excess at once and the rest on their timeout; then it answers again
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean answered = false;
            while (!answered && System.nanoTime() < deadline) {
                try {
                    answered = ControlClient.send(socket,
                            new ControlRequest(ControlRequest.Command.STATUS, ControlRequest.Format.JSON), Client.ANSWER_BOUND).ok();
                } catch (ControlClient.ControlException busy) {
                    Thread.sleep(100); // bounded retry: waiting for the idle clients' timeouts to free slots
                }
            }
            assertTrue(answered, "the server never answered again");
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
    }

    @Test
    void anotherUserIsRefusedByPeerCredentials() throws Exception {
        // open the socket up so that the kernel lets "nobody" connect; the daemon must still refuse
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        AsNobody.Result result = AsNobody.probe(temp, socket, "{\"request\":\"stop\"}");
        assertTrue(result.output().contains("\"ok\":false") && result.output().contains("permission denied"),
                result.toString());
        assertServerStillAnswers();
    }

    @Test
    void anotherUserCannotEvenConnectThroughThePrivateFolder() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
        AsNobody.Result result = AsNobody.probe(temp.getParent(), socket, "{\"request\":\"stop\"}");
        assertTrue(result.output().contains("Permission denied") || result.output().contains("AccessDenied"),
                result.toString());
        assertFalse(result.output().contains("\"ok\""), result.toString());
    }

    private void assertServerStillAnswers() throws Exception {
        ControlClient.Reply reply = ControlClient.send(socket,
                new ControlRequest(ControlRequest.Command.STATUS, ControlRequest.Format.JSON), Client.ANSWER_BOUND);
        assertTrue(reply.ok());
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    /** Writes raw bytes (then ends the request if asked), returns everything the server answered. */
    private String exchange(byte[] request, boolean endOutput) throws IOException {
        try (SocketChannel channel = connect()) {
            ByteBuffer out = ByteBuffer.wrap(request);
            try {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                if (endOutput) {
                    channel.shutdownOutput();
                }
            } catch (IOException closedByServer) {
                // the server may stop reading (too big) and answer before we finish writing
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(4096);
            while (channel.read(in) >= 0) {
                reply.write(in.array(), 0, in.position());
                in.clear();
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }
}
