package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real background daemons, each its own process started by {@code pirsyncd start} with real
 * inotify and the real rsync, driven through the real client commands.
 */
@Timeout(300)
class DaemonIT {
    @TempDir
    Path temp;

    private Path source;
    private Path destination;
    private Path runtime;
    private final List<String> startedInstances = new ArrayList<>();

    @BeforeEach
    void folders() throws IOException {
        source = Files.createDirectories(temp.resolve("src"));
        destination = Files.createDirectories(temp.resolve("dst"));
        runtime = temp.resolve("rt");
        Files.writeString(source.resolve("before.txt"), "there before the start\n");
    }

    @AfterEach
    void stopEverything() {
        for (String instance : startedInstances) {
            Cli.run("stop", "--instance", instance, "--runtime-dir", runtime.toString());
        }
    }

    private Cli.Result start(String instance, String... more) {
        List<String> args = new ArrayList<>(List.of("start", "--instance", instance, "--runtime-dir", runtime.toString(),
                "--source", source.toString(), "--destination", destination.toString()));
        args.addAll(more.length == 0 ? List.of("--delay", "0.2") : List.of(more));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        if (result.exitCode() == 0) {
            startedInstances.add(instance);
        }
        return result;
    }

    private Cli.Result client(String command, String instance, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--instance", instance, "--runtime-dir", runtime.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private long pid(String instance) {
        Cli.Result status = client("status", instance, "--json");
        assertEquals(0, status.exitCode(), status.describe());
        return StartCommand.pidOf(status.out());
    }

    @Test
    void startStatusResyncStopInTheBackground() throws IOException {
        Cli.Result started = start("www");
        assertEquals(0, started.exitCode(), started.describe());
        assertTrue(started.out().contains("instance \"www\" started (pid "), started.describe());

        Cli.Result status = client("status", "www", "--json");
        assertEquals(0, status.exitCode(), status.describe());
        for (String field : List.of("\"instance\" : \"www\"", "\"uptime\"", "\"watches\" : 1", "\"pending\"",
                "\"targets\"", "\"destination\" : \"" + destination + "\"", "\"lastSuccess\"", "\"lastError\"")) {
            assertTrue(status.out().contains(field), field + " missing in " + status.out());
        }
        long pid = StartCommand.pidOf(status.out());
        assertTrue(ProcessHandle.of(pid).isPresent(), "daemon pid " + pid + " is not alive");

        Cli.await(Cli.BOUND, "the initial sync", () -> Files.exists(destination.resolve("before.txt")));
        Files.writeString(source.resolve("new.txt"), "written while running\n");
        Cli.await(Cli.BOUND, "new.txt to be mirrored", () -> Files.exists(destination.resolve("new.txt")));

        Cli.Result table = client("status", "www");
        assertEquals(0, table.exitCode(), table.describe());
        assertTrue(table.out().contains("DESTINATION") && table.out().contains(destination.toString()), table.out());

        // a file the daemon never heard of (written straight to the destination side's absence):
        // only a full sync brings it back once deleted at the destination
        Files.delete(destination.resolve("before.txt"));
        Cli.Result resync = client("resync", "www");
        assertEquals(0, resync.exitCode(), resync.describe());
        assertTrue(resync.out().contains("full sync of 1 destination queued"), resync.describe());
        Cli.await(Cli.BOUND, "resync to restore before.txt", () -> Files.exists(destination.resolve("before.txt")));

        Cli.Result metrics = client("metrics", "www");
        assertEquals(0, metrics.exitCode(), metrics.describe());
        assertTrue(metrics.out().contains("pirsyncd_up{pirsyncd_instance=\"www\"} 1"), metrics.out());
        assertTrue(metrics.out().contains("# TYPE pirsyncd_target_transfers_total counter"), metrics.out());

        Cli.Result stopped = client("stop", "www");
        assertEquals(0, stopped.exitCode(), stopped.describe());
        assertTrue(stopped.out().contains("stopped instance \"www\": final sync"), stopped.describe());
        assertFalse(ClientCommands.alive(pid), "still alive after stop"); // a zombie has ended
        assertFalse(Files.exists(runtime.resolve("www.sock")), "socket left behind");
        assertFalse(Files.exists(runtime.resolve("www.pid")), "pid file left behind");
        startedInstances.remove("www");

        String log = Files.readString(runtime.resolve("www.log"));
        assertTrue(log.matches("(?s).*INFO  \\[rsync\\] \\[" + java.util.regex.Pattern.quote(destination.toString())
                + "\\] full sync \\(initial sync\\) to .*: ok in [0-9.]+ s, \\d+ file\\(s\\), \\d+ byte\\(s\\) sent.*"), log);
        assertTrue(log.contains("[rsync] [" + destination + "] sync of 1 change(s) to"), log);

        Cli.Result after = client("status", "www");
        assertEquals(StatusCommand.NOT_RUNNING, after.exitCode(), after.describe());
        assertTrue(after.err().startsWith("pirsyncd: instance \"www\" is not running"), after.describe());
    }

    @Test
    void runtimeDirComesFromTheEnvironmentWhenNotGiven() {
        Cli.Result status = Cli.exec(Cli.command(Cli.modulePath(), "status", "--instance", "ghost"),
                Map.of("PIRSYNCD_RUNTIME_DIR", runtime.toString()));
        assertEquals(StatusCommand.NOT_RUNNING, status.exitCode(), status.describe());
        assertTrue(status.err().contains(runtime.resolve("ghost.sock").toString()), status.describe());
    }

    @Test
    void runtimeDirectoryIsPrivateAndSocketOwnerOnly() throws IOException {
        assertEquals(0, start("perm").exitCode());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runtime)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runtime.resolve("perm.sock"))));
        assertEquals(Long.toString(pid("perm")), Files.readString(runtime.resolve("perm.pid")).strip());
    }

    @Test
    void twoInstancesRunSideBySide() throws IOException {
        Path second = Files.createDirectories(temp.resolve("dst2"));
        assertEquals(0, start("one").exitCode());
        Cli.Result two = Cli.run("start", "--instance", "two", "--runtime-dir", runtime.toString(),
                "--source", source.toString(), "--destination", second.toString(), "--delay", "0.2");
        assertEquals(0, two.exitCode(), two.describe());
        startedInstances.add("two");
        assertNotEquals(pid("one"), pid("two"));
        Files.writeString(source.resolve("both.txt"), "x");
        Cli.await(Cli.BOUND, "both destinations", () -> Files.exists(destination.resolve("both.txt"))
                && Files.exists(second.resolve("both.txt")));
        assertTrue(client("status", "two", "--json").out().contains("\"instance\" : \"two\""));
        assertEquals(0, client("stop", "one").exitCode());
        startedInstances.remove("one");
        assertEquals(0, client("status", "two").exitCode(), "stopping one must leave two running");
    }

    @Test
    void startingARunningInstanceSaysSo() {
        assertEquals(0, start("dup").exitCode());
        long pid = pid("dup");
        Cli.Result again = start("dup");
        assertEquals(ExitCodes.UNAVAILABLE, again.exitCode(), again.describe());
        assertEquals("pirsyncd: instance \"dup\" is already running (pid " + pid + "); stop it first with:"
                + " pirsyncd stop --instance dup, or give this one another --instance name\n", again.err());
    }

    @Test
    void staleSocketAndPidFileFromACrashAreReplaced() throws Exception {
        assertEquals(0, start("crash").exitCode());
        long pid = pid("crash");
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        assertTrue(daemon.destroyForcibly());
        daemon.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(Files.exists(runtime.resolve("crash.sock")) && Files.exists(runtime.resolve("crash.pid")),
                "SIGKILL leaves the socket and pid file behind");

        Cli.Result status = client("status", "crash");
        assertEquals(StatusCommand.NOT_RUNNING, status.exitCode(), status.describe());
        assertTrue(status.err().contains("a stale pid file from pid " + pid + " is left from a crash"), status.describe());

        Cli.Result restarted = start("crash");
        assertEquals(0, restarted.exitCode(), restarted.describe());
        assertNotEquals(pid, pid("crash"));
        assertTrue(Files.readString(runtime.resolve("crash.log")).contains("replacing the stale pid file and socket"
                + " of instance crash left by pid " + pid));
    }

    @Test
    void stopFlushesPendingChangesWithAFinalSync() throws IOException {
        // a long delay: without the final sync the change would still be pending at the stop
        assertEquals(0, start("flush", "--delay", "60", "--max-delay", "120").exitCode());
        Cli.await(Cli.BOUND, "the initial sync", () -> Files.exists(destination.resolve("before.txt")));
        Files.writeString(source.resolve("late.txt"), "just before the stop\n");
        Cli.await(Cli.BOUND, "the change to be pending", () -> client("status", "flush", "--json").out()
                .contains("\"pending\" : 1,"));
        Cli.Result stopped = client("stop", "flush");
        assertEquals(0, stopped.exitCode(), stopped.describe());
        assertTrue(stopped.out().contains("final sync of 1 pending change(s) done"), stopped.describe());
        startedInstances.remove("flush");
        assertEquals("just before the stop\n", Files.readString(destination.resolve("late.txt")));
    }

    @Test
    void anotherUserIsRefused() throws IOException {
        assertEquals(0, start("mine").exitCode());
        Path readable = Files.createDirectories(temp.resolve("mp"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> modulePath = Cli.worldReadableModulePath(readable);
        List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        asNobody.addAll(Cli.command(modulePath, "stop", "--instance", "mine", "--runtime-dir", runtime.toString()));

        // the private runtime folder keeps nobody out already...
        Cli.Result refused = Cli.exec(asNobody, Map.of());
        assertEquals(Client.NOPERM, refused.exitCode(), refused.describe());
        assertTrue(refused.err().startsWith("pirsyncd: instance \"mine\": permission denied on "), refused.describe());

        // ...and with the folder and socket opened up, the daemon itself refuses by peer uid
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(runtime.resolve("mine.sock"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Cli.Result byPeerUid = Cli.exec(asNobody, Map.of());
        assertEquals(Client.NOPERM, byPeerUid.exitCode(), byPeerUid.describe());
        assertTrue(byPeerUid.err().contains("permission denied: this instance belongs to root"), byPeerUid.describe());

        assertEquals(0, client("status", "mine").exitCode(), "the daemon must still run after refusing nobody");
    }

    @Test
    void junkOversizedAndSlowRequestsLeaveTheDaemonRunning() throws Exception {
        assertEquals(0, start("junk").exitCode());
        Path socket = runtime.resolve("junk.sock");
        for (byte[] junk : List.of("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[] {0, -1, 10},
                "{\"request\":\"stop\"".getBytes(StandardCharsets.UTF_8), new byte[100_000])) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                try {
                    channel.write(ByteBuffer.wrap(junk));
                    channel.shutdownOutput();
                    channel.read(ByteBuffer.allocate(1024));
                } catch (IOException droppedByTheDaemon) {
                    // allowed: a bad client may be cut off
                }
            }
        }
        try (SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            slow.connect(UnixDomainSocketAddress.of(socket));
            slow.write(ByteBuffer.wrap("{".getBytes(StandardCharsets.UTF_8)));
            Cli.Result meanwhile = client("status", "junk");
            assertEquals(0, meanwhile.exitCode(), "a slow client must not block others: " + meanwhile.describe());
        }
        Cli.Result status = client("status", "junk", "--json");
        assertEquals(0, status.exitCode(), status.describe());
        assertTrue(status.out().contains("\"instance\" : \"junk\""));
    }

    @Test
    void startPrintsTheDaemonsErrorWhenItFailsFirst() {
        // the parent needs no native access, the child does: started without it, the child
        // fails after the parent has validated everything, and the parent must say why
        List<String> command = new ArrayList<>(Cli.command(Cli.modulePath(), "start", "--instance", "fails",
                "--runtime-dir", runtime.toString(), "--source", source.toString(), "--destination",
                destination.toString()));
        command.remove("--enable-native-access=pirsyncd.inotify");
        Cli.Result result = Cli.exec(command, Map.of());
        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode(), result.describe());
        assertTrue(result.err().startsWith("pirsyncd: ") && result.err().contains("--enable-native-access"),
                result.describe());
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result.describe());
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }

    @Test
    void sighupMakesTheDaemonReopenItsLogAfterLogrotateMovedIt() throws Exception {
        assertEquals(0, start("hup").exitCode());
        Path log = runtime.resolve("hup.log");
        Cli.await(Cli.BOUND, "the initial sync's log line", () -> read(log).contains("full sync (initial sync)"));
        Path rotated = runtime.resolve("hup.log.1");
        Files.move(log, rotated); // what logrotate does before it sends SIGHUP (postrotate / ExecReload)

        signal("HUP", pid("hup"));
        Cli.await(Cli.BOUND, "a new log file", () -> read(log).contains("SIGHUP: log file reopened"));
        Files.writeString(source.resolve("after-rotation.txt"), "x\n");
        Cli.await(Cli.BOUND, "the sync's line in the new log", () -> read(log).contains("sync of 1 change(s) to"));

        String old = Files.readString(rotated);
        assertFalse(old.contains("SIGHUP") || old.contains("sync of 1 change(s)"), "written to the moved file:\n" + old);
    }

    @Test
    void stopReportsAFinalSyncThatExceedsTheShutdownTimeoutWithExit1() throws Exception {
        // 10 KiB/s makes the final sync of 2 MB take minutes; the stop gives it 1 s
        assertEquals(0, start("slow", "--delay", "60", "--max-delay", "120", "--shutdown-timeout", "1",
                "--bwlimit", "10K").exitCode());
        Cli.await(Cli.BOUND, "the initial sync", () -> Files.exists(destination.resolve("before.txt")));
        byte[] big = new byte[2 << 20];
        new java.util.Random(7).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        Cli.await(Cli.BOUND, "the change to be pending", () -> client("status", "slow", "--json").out()
                .contains("\"pending\" : 1,"));

        long started = System.nanoTime();
        Cli.Result stopped = client("stop", "slow");
        startedInstances.remove("slow");

        assertEquals(ExitCodes.INCOMPLETE, stopped.exitCode(), stopped.describe());
        assertEquals("pirsyncd: stopped instance \"slow\": the final sync did not finish within 1 s; 1 change(s) not"
                + " synced (the next start's initial full sync catches up)\n", stopped.err(), stopped.describe());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(60)) < 0,
                "the stop was not bounded by the shutdown timeout");
        assertTrue(Files.readString(runtime.resolve("slow.log")).matches(
                "(?s).*WARN  \\[rsync\\] \\[[^]]*\\] sync of 1 change\\(s\\) to .*: cancelled after [0-9.]+ s"
                + " \\(the daemon is stopping\\).*"), "no log line for the cancelled run");
    }

    @Test
    void watchSettingsReachTheWatcherAndStatusListsTheUnwatchedPart() throws Exception {
        assertEquals(0, start("capped", "--delay", "0.2", "--max-watches", "2", "--unwatched-rescan-interval", "0.5")
                .exitCode());
        Files.createDirectory(source.resolve("fits"));
        Cli.await(Cli.BOUND, "the second watch", () -> client("status", "capped", "--json").out()
                .contains("\"watches\" : 2,"));
        Files.createDirectory(source.resolve("over"));
        Cli.await(Cli.BOUND, "an unwatched directory", () -> client("status", "capped", "--json").out()
                .contains("\"unwatched\" : 1,"));

        String json = client("status", "capped", "--json").out();
        assertTrue(json.matches("(?s).*\"unwatchedPaths\" : \\[ \"over\" \\].*"), json);
        // an estimate the watcher computes from its tree; its value is the watch module's to test
        assertTrue(json.matches("(?s).*\"watchBytesPerDirectory\" : [1-9][0-9]*,.*"), json);
        String table = client("status", "capped").out();
        assertTrue(table.contains("unwatched 1 directories, rescanned periodically (watch limit, or path too long to watch): over\n"), table);
        assertTrue(client("metrics", "capped").out().contains("pirsyncd_unwatched_directories{pirsyncd_instance=\"capped\"} 1\n"));

        // no event comes from an unwatched directory: only the rescan (every 0.5 s here, 5 min by default) finds it
        Files.writeString(source.resolve("over/late.txt"), "found by the rescan\n");
        Cli.await(Cli.BOUND, "the rescan to mirror over/late.txt", () -> Files.exists(destination.resolve("over/late.txt")));
    }

    @Test
    void aStoppedDaemonIsReportedAsNotAnsweringAndAnswersAgainWhenContinued() throws Exception {
        assertEquals(0, start("frozen").exitCode());
        long pid = pid("frozen");
        signal("STOP", pid);
        try {
            Cli.Result status = client("status", "frozen");
            assertEquals(ExitCodes.TEMPFAIL, status.exitCode(), status.describe());
            assertEquals("pirsyncd: instance frozen at " + runtime.resolve("frozen.sock") + " is not answering (no reply"
                    + " within 5 s); is it stopped (SIGSTOP) or overloaded?\n", status.err());
        } finally {
            signal("CONT", pid);
        }
        assertEquals(0, client("status", "frozen").exitCode());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
