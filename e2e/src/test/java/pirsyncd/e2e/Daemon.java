package pirsyncd.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One pirsyncd instance driven only through {@code bin/pirsyncd}, as an admin would: {@code start} (or
 * {@code run} in the foreground as a child), {@code status --json}, {@code stop}; signals by pid for the
 * fault scenarios, and {@code kill -9} as the last resort when closing.
 *
 * <p>Each instance has its own short runtime directory under /tmp (a Unix socket path must fit in 107
 * bytes, and the Maven target folder may be deep).
 */
final class Daemon implements AutoCloseable {
    static final Duration COMMAND_BOUND = Duration.ofSeconds(90);

    private final UnpackedImage image = UnpackedImage.get();
    private final String instance;
    private final Path runtimeDir;
    private final List<String> launchArgs;
    private final List<String> prefix;
    private Process foreground;
    private long pid = -1;

    private Daemon(String instance, List<String> launchArgs, List<String> prefix) {
        this.instance = instance;
        this.launchArgs = List.copyOf(launchArgs);
        this.prefix = List.copyOf(prefix);
        try {
            this.runtimeDir = Files.createTempDirectory(Path.of("/tmp"), "pe2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pirsyncd start ARGS}: returns once start reported the daemon up (exit 0), else fails the test. */
    static Daemon start(String instance, List<String> args) {
        Daemon daemon = new Daemon(instance, args, List.of());
        daemon.startAgain().requireSuccess();
        return daemon;
    }

    /**
     * {@code pirsyncd run ARGS} as a foreground child, its command line after {@code prefix} (e.g. a
     * wrapper that lowers a limit); returns once its status answers.
     */
    static Daemon run(String instance, List<String> args, List<String> prefix) {
        Daemon daemon = new Daemon(instance, args, prefix);
        try {
            Path console = daemon.runtimeDir.resolve("run.console");
            daemon.foreground = Exec.builder(Map.of(), daemon.command("run", args))
                    .redirectErrorStream(true)
                    .redirectOutput(console.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until(COMMAND_BOUND, "pirsyncd run to answer status",
                () -> !daemon.foreground.isAlive() || daemon.quickStatus().isPresent(), daemon::logs);
        if (!daemon.foreground.isAlive()) {
            throw new AssertionError("pirsyncd run exited " + daemon.foreground.exitValue() + ":\n" + daemon.logs());
        }
        daemon.pid = daemon.foreground.pid();
        return daemon;
    }

    /** {@code PREFIX pirsyncd run ARGS} expected to exit by itself (a refusal); bounded. */
    static ExecResult runToExit(String instance, List<String> args, List<String> prefix) {
        Daemon daemon = new Daemon(instance, args, prefix);
        try {
            return Exec.run(COMMAND_BOUND, daemon.command("run", args));
        } finally {
            daemon.close();
        }
    }

    /**
     * {@code start} with the original arguments, e.g. after a {@code kill -9}; the caller checks the
     * result. {@code start} returns only once the control socket answers, so the pid is asked there.
     */
    ExecResult startAgain() {
        ExecResult result = Exec.run(COMMAND_BOUND, command("start", launchArgs));
        if (result.exitCode() == 0) {
            pid = quickStatus().orElseThrow(() -> new AssertionError("start exited 0 but the control socket does"
                    + " not answer:\n" + result.describe() + "\n" + logs())).pid();
        }
        return result;
    }

    /** {@code bin/pirsyncd status --json}, the client a script would use; fails the test unless it exits 0. */
    DaemonStatus status() {
        ExecResult result = Exec.run(COMMAND_BOUND, command("status", List.of("--json")));
        if (result.exitCode() != 0) {
            throw new AssertionError(result.describe() + "\n" + logs());
        }
        return DaemonStatus.parse(result.out());
    }

    /**
     * Waits (bounded) until the daemon reports nothing pending and every target idle, twice in a row
     * (a batch could be handed from the pending set to a target between the two figures of one
     * reply); returns how long it took.
     */
    Duration awaitSettled(Duration bound) {
        DaemonStatus[] last = new DaemonStatus[1];
        return Await.until(bound, "status to report pending 0 and every target idle",
                () -> {
                    last[0] = quickStatus().orElse(null);
                    if (last[0] == null || !last[0].settled()) {
                        return false;
                    }
                    last[0] = quickStatus().orElse(null);
                    return last[0] != null && last[0].settled();
                },
                () -> (last[0] == null ? "no status answer" : last[0].json()) + "\n" + logs());
    }

    /** The status from the control socket, without starting a client JVM; empty when nobody answers. */
    Optional<DaemonStatus> quickStatus() {
        return ControlSocket.status(socket());
    }

    private Path socket() {
        return runtimeDir.resolve(instance + ".sock");
    }

    long pid() {
        return pid;
    }

    /**
     * Whether the daemon's process still runs. A zombie has ended: a background daemon's parent is
     * init, which on some machines (this sandbox's among them) reaps it only seconds later.
     */
    boolean alive() {
        if (pid <= 0) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close >= 0 && close + 2 < stat.length() && "ZX".indexOf(stat.charAt(close + 2)) < 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The rsync processes the daemon runs right now (its descendants named rsync). */
    List<ProcessHandle> rsyncChildren() {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().map(c -> c.endsWith("/rsync") || c.equals("rsync")).orElse(false))
                .toList();
    }

    /** The daemon's resident memory in KiB, from {@code /proc/PID/status} (VmRSS). */
    long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}, {@code KILL}, {@code TERM}) with {@code kill(1)}. */
    void signal(String name) {
        Exec.run(COMMAND_BOUND, "kill", "-s", name, Long.toString(pid)).requireSuccess();
    }

    /** {@code kill -9} and wait until the process is gone. */
    void kill9() {
        signal("KILL");
        Await.until(COMMAND_BOUND, "pid " + pid + " to die after SIGKILL", () -> !alive());
        if (foreground != null) {
            waitFor(foreground);
        }
    }

    /** {@code bin/pirsyncd stop}: graceful, flushes pending changes; waits until the process is gone. */
    ExecResult stop() {
        ExecResult result = Exec.run(COMMAND_BOUND, command("stop", List.of()));
        if (result.exitCode() == 0) {
            Await.until(COMMAND_BOUND, "pid " + pid + " to exit after stop", () -> !alive(), this::logs);
        }
        if (foreground != null) {
            waitFor(foreground);
        }
        return result;
    }

    /** Everything the daemon wrote (its log and console files), for failure messages: the tail of each. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (Path file : logFiles()) {
            String content = read(file);
            int from = Math.max(0, content.length() - 6000);
            text.append("--- ").append(file.getFileName()).append(" (tail)\n").append(content.substring(from));
        }
        return text.toString();
    }

    /** The whole of the daemon's log and console output so far, for assertions on what it said. */
    String fullLog() {
        StringBuilder text = new StringBuilder();
        for (Path file : logFiles()) {
            text.append(read(file));
        }
        return text.toString();
    }

    private List<Path> logFiles() {
        try (var files = Files.list(runtimeDir)) {
            return files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")
                    || f.toString().endsWith(".console")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + file.getFileName() + " unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the daemon if still running — a stop request on the control socket, the same request
     * {@code bin/pirsyncd stop} sends — and leaves its exit (and the removal of its runtime directory) to
     * {@link Exits}; a daemon that does not answer is killed by its pid.
     */
    @Override
    public void close() {
        ProcessHandle process = foreground != null ? foreground.toHandle()
                : pid > 0 ? ProcessHandle.of(pid).orElse(null) : null;
        if (process != null && process.isAlive()) {
            signal("CONT"); // a scenario may have left it stopped; a stopped process cannot answer stop
            if (ControlSocket.stop(socket()).isEmpty()) {
                process.destroyForcibly();
            }
            Exits.await(process, runtimeDir);
        } else {
            Trees.deleteRecursively(runtimeDir);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> command(String subcommand, List<String> args) {
        List<String> command = new ArrayList<>(subcommand.equals("run") ? prefix : List.of());
        command.add(image.launcher().toString());
        command.add(subcommand);
        command.add("--instance");
        command.add(instance);
        command.add("--runtime-dir");
        command.add(runtimeDir.toString());
        command.addAll(args);
        return command;
    }
}
