package pirsyncd.rsync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * Starts one target's child processes (rsync, ssh, mv) and sees each from start to exit: fed its
 * stdin, its output drained and logged line by line with the target's name, killed with
 * everything it started when it outlives its time limit or the caller is interrupted. With
 * {@code debug.commands} on, each command is logged first as a line that can be pasted into a
 * shell ({@link ChildCommand#pasteable}). The {@link Process} never leaves this class.
 */
final class ProcessRun {
    private static final TaggedLogger LOG = Logger.tag("rsync");
    // how long to wait for the output pipes to reach EOF once the process has exited or been killed
    private static final long DRAIN_MILLIS = 10_000;
    // how long rsync gets to save a partial file after SIGTERM before it is killed outright
    private static final long KILL_GRACE_MILLIS = 5_000;

    private final String target;
    private final Optional<Consumer<String>> commandLog;

    /**
     * @param target the target's name, tagging every log line
     * @param commandLog where each command's pasteable line goes before it runs; empty when
     *     {@code debug.commands} is off
     */
    ProcessRun(String target, Optional<Consumer<String>> commandLog) {
        this.target = target;
        this.commandLog = commandLog;
    }

    /** Runs for {@code target}, logging each command at INFO when {@code debugCommands} is on. */
    static ProcessRun forTarget(String target, boolean debugCommands) {
        return new ProcessRun(target, debugCommands
                ? Optional.of(line -> LOG.info("[{}] {}", target, line))
                : Optional.empty());
    }

    /** The target's name. */
    String target() {
        return target;
    }

    /**
     * How a process ended.
     *
     * @param exitCode its exit code; -1 if it was killed on timeout
     * @param timedOut true if it outlived its limit and was killed
     * @param stdout every line it wrote to stdout
     * @param stderr every line it wrote to stderr
     * @param elapsed wall time
     */
    record Result(int exitCode, boolean timedOut, List<String> stdout, List<String> stderr, Duration elapsed) {
        Result {
            stdout = List.copyOf(stdout);
            stderr = List.copyOf(stderr);
        }

        /**
         * What went wrong, in one line: the first complaint (ssh's "Permission denied", the daemon's
         * "@ERROR: auth failed") and, if different, the last; rsync's own "rsync error:" summary
         * lines are left out because the exit code says the same.
         */
        Optional<String> complaint() {
            List<String> lines = stderr.stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("rsync error:")).toList();
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            String first = lines.getFirst();
            String last = lines.getLast();
            return Optional.of(first.equals(last) ? first : first + " ... " + last);
        }
    }

    /** Logs {@code command} as {@code debug.commands} asks, for a process started elsewhere too. */
    void announce(ChildCommand command) {
        commandLog.ifPresent(log -> log.accept(command.step() + ": " + command.pasteable()));
    }

    /**
     * Runs {@code command} to its end, or until {@code limit}.
     *
     * @throws IOException if the program cannot be started (not found, not executable, no such directory)
     * @throws InterruptedException if interrupted; the process and its children have been killed
     */
    Result run(ChildCommand command, Optional<Duration> limit) throws IOException, InterruptedException {
        announce(command);
        List<String> argv = command.argv();
        byte[] stdin = command.stdin();
        ProcessBuilder builder = new ProcessBuilder(argv);
        // rsync's --stats numbers and messages in a fixed form, whatever the daemon's locale
        builder.environment().put("LC_ALL", "C");
        command.directory().ifPresent(dir -> builder.directory(dir.toFile()));
        long started = System.nanoTime();
        Process process = builder.start();
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        Thread feeder = Thread.ofVirtual().name("rsync-stdin-" + target).start(() -> feed(process, stdin));
        Thread out = Thread.ofVirtual().name("rsync-stdout-" + target)
                .start(() -> drain(process.getInputStream(), line -> {
                    stdout.add(line);
                    LOG.debug("[{}] {}", target, line);
                }));
        Thread err = Thread.ofVirtual().name("rsync-stderr-" + target)
                .start(() -> drain(process.getErrorStream(), line -> {
                    stderr.add(line);
                    LOG.warn("[{}] {}", target, line);
                }));
        boolean timedOut = false;
        try {
            if (limit.isPresent()) {
                timedOut = !process.waitFor(limit.get().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                process.waitFor();
            }
        } catch (InterruptedException e) {
            // the interrupt is cleared by now, so the grace wait inside killTree can work
            killTree(process);
            throw e;
        }
        if (timedOut) {
            LOG.warn("[{}] {} still running after {}; killing it and everything it started", target,
                    argv.getFirst(), limit.get());
            killTree(process);
            process.waitFor();
        }
        feeder.join(DRAIN_MILLIS);
        out.join(DRAIN_MILLIS);
        err.join(DRAIN_MILLIS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        int exit = timedOut ? -1 : process.exitValue();
        // List.copyOf in Result goes through the synchronized lists' own toArray
        return new Result(exit, timedOut, stdout, stderr, elapsed);
    }

    /**
     * Stops the process and everything it started (ssh under rsync, rsync's own receiver): first
     * SIGTERM, which lets rsync keep a partial file for {@code --partial}, then SIGKILL for
     * whatever is still there after a grace period. Children first, so none is left orphaned.
     */
    static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        // every member gets the grace, not just the top one: rsync's receiver outlives its sender
        // by the moment it needs to move the partial file into --partial-dir, and a SIGKILL then
        // loses it
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_GRACE_MILLIS);
        for (ProcessHandle member : family) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                member.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                break; // the grace is over; whatever is left gets SIGKILL below
            }
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void feed(Process process, byte[] stdin) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the process exited or closed stdin before reading it all; its exit code tells why
            LOG.debug("stdin of {} closed early: {}", process.pid(), e.getMessage());
        }
    }

    private static void drain(InputStream stream, Consumer<String> lines) {
        // ISO-8859-1 keeps every byte as one char, so a name rsync prints raw never breaks decoding
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            LOG.debug("output pipe closed: {}", e.getMessage());
        }
    }
}
