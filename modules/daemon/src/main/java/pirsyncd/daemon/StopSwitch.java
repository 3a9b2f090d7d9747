package pirsyncd.daemon;

import java.util.function.Consumer;

/**
 * Where a stop request (SIGTERM, SIGINT) goes, from before the daemon exists until it ends.
 *
 * <p>Why: the signal handlers must be in place before anyone can know the daemon is up (systemd's
 * {@code READY=1}, {@code start} seeing the control socket answer); otherwise a SIGTERM sent right
 * then meets the JVM's default handling and the daemon dies with 143, skipping its final sync. A
 * request that comes while the daemon is still starting is kept and handed over the moment it
 * exists, so it starts, then stops at once, gracefully.
 */
final class StopSwitch {
    // guarded by this; the signal dispatch thread and the main thread meet here
    private Consumer<String> stop;
    private String earlyReason;

    /** Stops the daemon, or the daemon about to exist; safe from any thread, any number of times. */
    synchronized void request(String reason) {
        if (stop != null) {
            stop.accept(reason);
        } else if (earlyReason == null) {
            earlyReason = reason;
        }
    }

    /**
     * Connects the started daemon ({@code Daemon::requestStop}), handing it a request that came
     * while it was starting.
     */
    synchronized void attach(Consumer<String> requestStop) {
        stop = requestStop;
        if (earlyReason != null) {
            requestStop.accept(earlyReason);
        }
    }
}
