package pirsyncd.daemon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import pirsyncd.inotify.SystemdNotify;

/**
 * Tells systemd about the daemon ({@code Type=notify}, sd_notify(3)): {@code READY=1} once
 * watching, a {@code STATUS=} line with pending changes and the last sync every few seconds,
 * {@code STOPPING=1} when the stop begins, and {@code WATCHDOG=1} at half of
 * {@code $WATCHDOG_USEC} when the unit sets {@code WatchdogSec=}. Does nothing when not started
 * by systemd. A failed notification is logged and never stops the daemon.
 */
final class SystemdNotifier implements AutoCloseable {
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(5);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Optional<SystemdNotify> notify;
    private final ScheduledExecutorService timer;

    private SystemdNotifier(Optional<SystemdNotify> notify) {
        this.notify = notify;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("systemd-notify").daemon(true).factory());
    }

    /** The notifier for this process's environment; inert when {@code $NOTIFY_SOCKET} is unset. */
    static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(SystemdNotify.fromEnvironment());
    }

    /** READY=1 and the first status; then keeps the status and the watchdog fed. */
    // the periodic tasks end with the timer (stopping, close) and send() catches everything, so
    // their futures would never hold anything worth reading
    @SuppressWarnings("FutureReturnValueIgnored")
    void ready(Supplier<StatusReport> status, Map<String, String> environment) {
        if (notify.isEmpty()) {
            return;
        }
        send("READY=1\nSTATUS=" + line(status.get()) + "\nMAINPID=" + ProcessHandle.current().pid());
        timer.scheduleWithFixedDelay(() -> send("STATUS=" + line(status.get())),
                STATUS_INTERVAL.toMillis(), STATUS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        watchdogInterval(environment).ifPresent(micros -> {
            long half = Math.max(1, micros / 2);
            DaemonLog.DAEMON.info("systemd watchdog: pinging every {} ms", half / 1000);
            timer.scheduleAtFixedRate(() -> send("WATCHDOG=1"), 0, half, TimeUnit.MICROSECONDS);
        });
    }

    /**
     * {@code $WATCHDOG_USEC} when it is meant for us: systemd sets {@code $WATCHDOG_PID} to the
     * main pid, and a child that inherited the variables must not ping for it (sd_watchdog_enabled(3)).
     */
    static OptionalLong watchdogInterval(Map<String, String> environment) {
        String usec = environment.get("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) {
            return OptionalLong.empty();
        }
        String pid = environment.get("WATCHDOG_PID");
        if (pid != null && !pid.isBlank() && !pid.strip().equals(Long.toString(ProcessHandle.current().pid()))) {
            return OptionalLong.empty();
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? OptionalLong.of(micros) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            DaemonLog.DAEMON.warn("ignoring WATCHDOG_USEC={}: not a number of microseconds", usec);
            return OptionalLong.empty();
        }
    }

    /** e.g. "watching 1200 dirs; 3 pending; last sync 14:02:11". */
    static String line(StatusReport status) {
        Optional<String> lastSync = status.targets().stream()
                .map(StatusReport.TargetReport::lastSuccess)
                .filter(java.util.Objects::nonNull)
                .map(Instant::parse)
                .max(Comparator.naturalOrder())
                .map(CLOCK::format);
        long failing = status.targets().stream().filter(t -> t.state().equals("failed")).count();
        return (status.watchState().equals("watching") ? "watching " + status.watches() + " dirs"
                        : "source missing, waiting for it")
                + "; " + status.pending() + " pending"
                + "; last sync " + lastSync.orElse("none yet")
                + (failing > 0 ? "; " + failing + " destination(s) failing" : "");
    }

    /** STOPPING=1: the final sync begins. */
    void stopping(String why) {
        timer.shutdownNow();
        send("STOPPING=1\nSTATUS=stopping: " + why);
    }

    private void send(String state) {
        if (notify.isEmpty()) {
            return;
        }
        try {
            notify.get().send(state);
        } catch (IOException | RuntimeException e) {
            DaemonLog.DAEMON.warn("systemd notification failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
