package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pirsyncd run} in the foreground as systemd runs it: SIGTERM stops it gracefully with
 * exit 0 after a final sync, and it tells {@code $NOTIFY_SOCKET} READY=1, STATUS=, WATCHDOG=1 and
 * STOPPING=1 (received by a datagram socket the test binds; abstract name, as systemd may use).
 */
@Timeout(180)
class ForegroundIT {
    @TempDir
    Path temp;

    private Path source;
    private Path destination;

    @BeforeEach
    void folders() throws IOException {
        source = Files.createDirectories(temp.resolve("src"));
        destination = Files.createDirectories(temp.resolve("dst"));
        Files.writeString(source.resolve("a.txt"), "a\n");
    }

    private ProcessBuilder run(Path console, String... more) {
        List<String> command = new java.util.ArrayList<>(Cli.command(Cli.modulePath(), "run", "--instance", "fg",
                "--runtime-dir", temp.resolve("rt").toString(), "--source", source.toString(),
                "--destination", destination.toString()));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().remove("NOTIFY_SOCKET");
        return builder;
    }

    @Test
    void sigtermFlushesPendingChangesAndExitsZero() throws Exception {
        Path console = temp.resolve("console.txt");
        Process daemon = run(console, "--delay", "60", "--max-delay", "120").start();
        try {
            Cli.await(Cli.BOUND, "the daemon to answer", () -> Cli.run("status", "--instance", "fg", "--runtime-dir",
                    temp.resolve("rt").toString()).exitCode() == 0);
            Files.writeString(source.resolve("late.txt"), "late\n");
            Cli.await(Cli.BOUND, "the change to be pending", () -> Cli.run("status", "--json", "--instance", "fg",
                    "--runtime-dir", temp.resolve("rt").toString()).out().contains("\"pending\" : 1,"));
            daemon.toHandle().destroy(); // SIGTERM
            assertTrue(daemon.waitFor(Cli.BOUND.toSeconds(), TimeUnit.SECONDS), "no exit after SIGTERM");
            String log = Files.readString(console, StandardCharsets.UTF_8);
            assertEquals(0, daemon.exitValue(), log);
            assertTrue(log.contains("stopping (SIGTERM): final sync of 1 pending change(s)"), log);
            assertEquals("late\n", Files.readString(destination.resolve("late.txt")));
            assertTrue(log.lines().noneMatch(line -> line.startsWith("\tat ")), "no stack trace: " + log);
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void tellsSystemdReadyStatusWatchdogAndStopping() throws Exception {
        String name = "pirsyncd-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path received = temp.resolve("notify.txt");
        // a tiny datagram receiver: Java has no AF_UNIX datagram sockets
        Process receiver = new ProcessBuilder("python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind("\\0" + sys.argv[1])
                print("bound", flush=True)
                with open(sys.argv[2], "a") as out:
                    while True:
                        out.write(s.recv(4096).decode() + "\\n--\\n")
                        out.flush()
                """, name, received.toString()).redirectErrorStream(true).start();
        Process daemon = null;
        try {
            String bound = new String(receiver.getInputStream().readNBytes(5), StandardCharsets.UTF_8);
            assertEquals("bound", bound, "the python receiver did not start");
            Path console = temp.resolve("console.txt");
            ProcessBuilder builder = run(console, "--delay", "0.2");
            builder.environment().put("NOTIFY_SOCKET", "@" + name);
            builder.environment().put("WATCHDOG_USEC", "400000");
            daemon = builder.start();
            Cli.await(Cli.BOUND, "READY=1 and a WATCHDOG=1 ping", () -> read(received).contains("READY=1")
                    && read(received).contains("WATCHDOG=1"));
            String ready = read(received);
            assertTrue(ready.matches("(?s).*READY=1\nSTATUS=watching 1 dirs; \\d+ pending; last sync .*"), ready);
            daemon.toHandle().destroy();
            assertTrue(daemon.waitFor(Cli.BOUND.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, daemon.exitValue(), Files.readString(console));
            Cli.await(Cli.BOUND, "STOPPING=1", () -> read(received).contains("STOPPING=1"));
        } finally {
            receiver.destroyForcibly();
            if (daemon != null) {
                daemon.destroyForcibly();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
