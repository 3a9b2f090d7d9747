package pirsyncd.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the client commands share: send one request to an instance and turn every way it can go
 * wrong into a one-line {@link UserError}.
 */
final class Client {
    private Client() {}

    /** EACCES: this user may not use that instance's socket. */
    static final int NOPERM = 77;

    /**
     * How long a client waits for a reply to anything but {@code stop}: a running daemon answers
     * within milliseconds, so this only bounds the wait on one that is stopped or stuck.
     */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(5);

    /** {@link #call(RuntimeLayout, ControlRequest, int, Duration)} within {@link #ANSWER_BOUND}. */
    static ControlClient.Reply call(RuntimeLayout layout, ControlRequest request, int exitIfNotRunning) {
        return call(layout, request, exitIfNotRunning, ANSWER_BOUND);
    }

    /**
     * Sends the request; returns the reply when the daemon carried it out.
     *
     * @param deadline the longest wait for the reply, connecting included
     * @throws UserError when the instance is not running, refuses us, does not answer in time or
     *     answers with an error
     */
    static ControlClient.Reply call(RuntimeLayout layout, ControlRequest request, int exitIfNotRunning,
            Duration deadline) {
        ControlClient.Reply reply;
        try {
            reply = ControlClient.send(layout.socket(), request, deadline);
        } catch (ControlClient.ControlException e) {
            throw switch (e.failure()) {
                case ControlClient.Failure.NotRunning notRunning ->
                        new UserError(exitIfNotRunning, notRunningMessage(layout));
                case ControlClient.Failure.PermissionDenied denied -> new UserError(NOPERM, "instance \""
                        + layout.instance() + "\": permission denied on " + layout.socket()
                        + "; only its owner and root may control it");
                case ControlClient.Failure.NotAnswering(Duration waited) -> new UserError(ExitCodes.TEMPFAIL,
                        notAnsweringMessage(layout, "no reply within " + seconds(waited)));
                case ControlClient.Failure.Broken broken -> new UserError(ExitCodes.TEMPFAIL, "instance \""
                        + layout.instance() + "\" did not answer properly (" + broken.reason()
                        + "); see its log in " + layout.directory());
            };
        }
        if (!reply.ok()) {
            String error = reply.error().orElse("unspecified error");
            int code = error.startsWith("permission denied") ? NOPERM : ExitCodes.SOFTWARE;
            throw new UserError(code, "instance \"" + layout.instance() + "\": " + error);
        }
        return reply;
    }

    /** The one line for a daemon that accepts but does not answer. */
    static String notAnsweringMessage(RuntimeLayout layout, String what) {
        return "instance " + layout.instance() + " at " + layout.socket() + " is not answering (" + what
                + "); is it stopped (SIGSTOP) or overloaded?";
    }

    /** "5 s", "1.5 s". */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0)) + " s";
    }

    static String notRunningMessage(RuntimeLayout layout) {
        String base = "instance \"" + layout.instance() + "\" is not running (nothing listens on " + layout.socket() + ")";
        Optional<OptionalLong> holder;
        try {
            holder = InstanceLock.holder(layout.pidFile());
        } catch (IOException e) {
            return base;
        }
        if (holder.isPresent()) {
            // the pid file is locked but the socket is dead: starting up, or hung
            return base + "; its pid file is held by pid " + holder.get().orElse(-1)
                    + ", which may still be starting; try again in a moment";
        }
        OptionalLong stale = InstanceLock.readPid(layout.pidFile());
        if (stale.isPresent()) {
            return base + "; a stale pid file from pid " + stale.getAsLong()
                    + " is left from a crash, and the next start replaces it";
        }
        return base;
    }
}
