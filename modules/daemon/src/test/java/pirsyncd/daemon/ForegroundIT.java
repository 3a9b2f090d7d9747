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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pirsyncd run} in the foreground as systemd (or a person at a terminal) runs it: SIGTERM and
 * SIGINT stop it gracefully with exit 0 after a final sync, every log line carries a tag with its
 * own level, and it tells {@code $NOTIFY_SOCKET} READY=1, STATUS=, WATCHDOG=1 and
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

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aTermOrInterruptSignalFlushesPendingChangesAndExitsZero(String signal) throws Exception {
        Path console = temp.resolve("console.txt");
        // SIGINT is reset to its default first: a JVM started with it ignored (as a background job
        // of a shell without job control is) keeps ignoring it, as a terminal's Ctrl-C never would
        ProcessBuilder builder = run(console, "--delay", "60", "--max-delay", "120");
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])"));
        command.addAll(builder.command());
        Process daemon = builder.command(command).start();
        try {
            Cli.await(Cli.BOUND, "the daemon to answer", () -> Cli.run("status", "--instance", "fg", "--runtime-dir",
                    temp.resolve("rt").toString()).exitCode() == 0);
            Files.writeString(source.resolve("late.txt"), "late\n");
            Cli.await(Cli.BOUND, "the change to be pending", () -> Cli.run("status", "--json", "--instance", "fg",
                    "--runtime-dir", temp.resolve("rt").toString()).out().contains("\"pending\" : 1,"));
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(daemon.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(daemon.waitFor(Cli.BOUND.toSeconds(), TimeUnit.SECONDS), "no exit after SIG" + signal);
            String log = Files.readString(console, StandardCharsets.UTF_8);
            assertEquals(0, daemon.exitValue(), log);
            assertTrue(log.contains("stopping (SIG" + signal + "): final sync of 1 pending change(s)"), log);
            assertEquals("late\n", Files.readString(destination.resolve("late.txt")));
            assertTrue(log.lines().noneMatch(line -> line.startsWith("\tat ")), "no stack trace: " + log);
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void everyLogLineHasATagAndEachTagItsOwnLevel() throws Exception {
        Path console = temp.resolve("console.txt");
        Process daemon = run(console, "--delay", "0.2", "--log-level", "warn", "--log-level-config", "debug",
                "--log-level-daemon", "info").start();
        try {
            Cli.await(Cli.BOUND, "the daemon to answer", () -> Cli.run("status", "--instance", "fg", "--runtime-dir",
                    temp.resolve("rt").toString()).exitCode() == 0);
            Cli.await(Cli.BOUND, "the initial sync", () -> Files.exists(destination.resolve("a.txt")));
            daemon.toHandle().destroy();
            assertTrue(daemon.waitFor(Cli.BOUND.toSeconds(), TimeUnit.SECONDS));
            String log = Files.readString(console, StandardCharsets.UTF_8);
            assertEquals(0, daemon.exitValue(), log);
            List<String> lines = log.lines().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*")).toList();
            assertTrue(lines.stream().allMatch(l -> l.matches("\\S+ \\S+ [A-Z]+ +\\[[a-z]+\\] .*")), "untagged line in:\n" + log);
            assertTrue(lines.stream().anyMatch(l -> l.contains("DEBUG [config] effective setting delay: 0.2 s")), log);
            assertTrue(lines.stream().anyMatch(l -> l.contains("INFO  [config] configuration from flags only: instance fg")),
                    log);
            assertTrue(lines.stream().anyMatch(l -> l.contains("INFO  [daemon] instance fg running")), log);
            // info of the other tags is below their level (warn): the control socket's and the initial sync's lines
            assertTrue(lines.stream().noneMatch(l -> l.contains("INFO  [control]") || l.contains("INFO  [rsync]")), log);
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
