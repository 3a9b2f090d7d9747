package pirsyncd.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What {@code status}, {@code resync}, {@code metrics} and {@code stop} do, free of picocli:
 * {@link ClientFastPath} runs them without building a command-line model, and the picocli
 * commands ({@link StatusCommand}...) call the same methods, so both ways behave alike.
 */
final class ClientCommands {
    private ClientCommands() {}

    /** How long the process may take to exit once it has answered the stop. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    /**
     * Added to the daemon's shutdown timeout for the stop reply: the cancelled rsync's kill grace
     * (5 s per process tree), the scheduler's stop grace (5 s) and the control socket's close.
     */
    static final Duration STOP_MARGIN = Duration.ofSeconds(30);

    /** The daemon's default, for a reply that does not say (never with this version's daemon). */
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** {@code pirsyncd status [--json]}; exit 0 running, 3 not running, 75 not answering, 77 not ours. */
    static int status(RuntimeLayout layout, boolean json, PrintWriter out) {
        ControlRequest.Format format = json ? ControlRequest.Format.JSON : ControlRequest.Format.TEXT;
        ControlClient.Reply reply = Client.call(layout, new ControlRequest(ControlRequest.Command.STATUS, format),
                StatusCommand.NOT_RUNNING);
        String text = reply.text().orElse(json ? "{}" : "");
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code pirsyncd resync}: returns once the full sync is queued. */
    static int resync(RuntimeLayout layout, PrintWriter out) {
        ControlClient.Reply reply = Client.call(layout,
                new ControlRequest(ControlRequest.Command.RESYNC, ControlRequest.Format.TEXT), ExitCodes.UNAVAILABLE);
        out.println(UserError.PREFIX + reply.message().orElse("full sync queued"));
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code pirsyncd metrics}: Prometheus text. */
    static int metrics(RuntimeLayout layout, PrintWriter out) {
        ControlClient.Reply reply = Client.call(layout,
                new ControlRequest(ControlRequest.Command.METRICS, ControlRequest.Format.TEXT), ExitCodes.UNAVAILABLE);
        out.print(reply.text().orElse(""));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * {@code pirsyncd stop}: asks for the daemon's shutdown timeout first (a status, bounded like
     * any request), then waits for the stop's reply at most that long plus {@link #STOP_MARGIN},
     * then until the process is gone.
     *
     * @return 0 stopped after a complete final sync, or not running;
     *     {@value ExitCodes#INCOMPLETE} stopped, but the final sync did not finish in time
     * @throws UserError 75 when the daemon does not answer, 77 when it is not ours
     */
    static int stop(RuntimeLayout layout, PrintWriter out) throws InterruptedException {
        OptionalLong pid = holder(layout).orElse(OptionalLong.empty());
        ControlClient.Reply reply;
        try {
            ControlClient.Reply status = Client.call(layout,
                    new ControlRequest(ControlRequest.Command.STATUS, ControlRequest.Format.JSON), StatusCommand.NOT_RUNNING);
            OptionalDouble seconds = status.statusNumber("shutdownTimeout");
            Duration shutdownTimeout = seconds.isPresent()
                    ? Duration.ofMillis(Math.round(seconds.getAsDouble() * 1000)) : DEFAULT_SHUTDOWN_TIMEOUT;
            reply = Client.call(layout, new ControlRequest(ControlRequest.Command.STOP, ControlRequest.Format.TEXT),
                    StatusCommand.NOT_RUNNING, shutdownTimeout.plus(STOP_MARGIN));
        } catch (UserError e) {
            if (e.exitCode() == StatusCommand.NOT_RUNNING) {
                out.println(UserError.PREFIX + e.getMessage());
                out.flush();
                return ExitCodes.OK;
            }
            throw e;
        }
        long deadline = System.nanoTime() + EXIT_BOUND.toNanos();
        // gone means: lock released (files removed) and the process itself ended
        while (holder(layout).isPresent() || (pid.isPresent() && alive(pid.getAsLong()))) {
            if (System.nanoTime() > deadline) {
                throw new UserError(ExitCodes.TEMPFAIL, "instance \"" + layout.instance() + "\" answered the stop but"
                        + " has not exited after " + EXIT_BOUND.toSeconds() + " s; see its log in " + layout.directory());
            }
            Thread.sleep(20); // polling the pid file lock: there is no way to wait on another process's lock
        }
        String message = reply.message().orElse("stopped");
        if (reply.flushed().equals(Optional.of(false))) {
            // stopped all the same; the exit code tells scripts that changes were left unsynced
            throw new UserError(ExitCodes.INCOMPLETE, message);
        }
        out.println(UserError.PREFIX + message);
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Whether the process still runs. A zombie has ended: it only waits for its parent to reap it,
     * and a background daemon's parent is init, which in some containers reaps late or never.
     */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')', as comm may hold anything
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : 'X';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false; // no such process
        }
    }

    private static Optional<OptionalLong> holder(RuntimeLayout layout) {
        try {
            return InstanceLock.holder(layout.pidFile());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
