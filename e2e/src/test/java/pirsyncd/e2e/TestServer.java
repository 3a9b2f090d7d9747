package pirsyncd.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server process this suite runs in the foreground on 127.0.0.1 (sshd, rsync daemon) with a fixed port,
 * so that it can be stopped and started again at the same address for the "destination unreachable"
 * faults. Its output goes to a log file in its folder.
 */
final class TestServer implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final int port;
    private final Path log;
    private Process process;

    TestServer(String name, List<String> command, int port, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.port = port;
        this.log = log;
    }

    int port() {
        return port;
    }

    /** Starts the server and waits (bounded) until it accepts connections. */
    synchronized void start() {
        try {
            process = Exec.builder(Map.of(), command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until(Duration.ofSeconds(60), name + " to listen on 127.0.0.1:" + port,
                () -> !process.isAlive() || FreePort.listening(port), this::logText);
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited " + process.exitValue() + ": " + logText());
        }
    }

    /** Stops it (SIGTERM, then SIGKILL) and waits until the port is closed. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Await.until(Duration.ofSeconds(30), name + " to release port " + port, () -> !FreePort.listening(port));
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
