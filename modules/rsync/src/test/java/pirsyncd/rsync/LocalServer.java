package pirsyncd.rsync;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A server process a test starts on 127.0.0.1 (never any other address) and stops at the end. */
final class LocalServer implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    private static final InetAddress LOOPBACK_ADDRESS = loopbackV4();

    private final Process process;
    private final Path log;
    final int port;

    private LocalServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    private static InetAddress loopbackV4() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nobody listens on right now (another process may still take it before the server does). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK_ADDRESS)) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code argv} (which must listen on 127.0.0.1:{@code port}) and waits until it accepts connections. */
    static LocalServer start(List<String> argv, int port, Path log, Duration limit)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalServer server = new LocalServer(process, log, port);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(argv.getFirst() + " exited with " + process.exitValue() + ": " + server.log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK_ADDRESS, port), 1000);
                return server;
            } catch (IOException notYet) {
                // the server is not listening yet: look again shortly
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        server.close();
        throw new IOException(argv.getFirst() + " did not listen on port " + port + " within " + limit + ": "
                + server.log());
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
