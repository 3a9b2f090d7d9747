package pirsyncd.daemon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import pirsyncd.config.PirsyncdConfig;
import pirsyncd.config.Target;
import pirsyncd.rsync.RsyncTransfer;
import pirsyncd.schedule.ScheduleSettings;
import pirsyncd.schedule.Scheduler;
import pirsyncd.schedule.TargetSpec;
import pirsyncd.schedule.TargetStatus;
import pirsyncd.watch.SourceWatcher;
import pirsyncd.watch.WatchSettings;
import pirsyncd.watch.WatchStatus;

/**
 * The running pipeline of one instance: the watch tree feeding the scheduler, which runs one
 * rsync launcher per target, and the control socket in front of it all.
 *
 * <p>Start order matters: the scheduler exists first (changes seen while the walk is still going
 * are kept), then the watcher walks the tree and returns once every directory is watched, and
 * only then does the scheduler start with its initial full sync, so that no change can fall into
 * the gap between a full sync's scan and the first event (the original pirsyncd's flaw). The
 * control socket opens last: a {@code status} that answers means the daemon is watching.
 *
 * <p>Stop order is the reverse: no more changes (watcher closed), a final sync of what is
 * pending bounded by {@code shutdownTimeout}, then the socket closes. The main thread owns the
 * lifecycle; other threads (signal handlers, control clients) only ask for a stop.
 */
final class Daemon implements ControlHandler, AutoCloseable {
    private final PirsyncdConfig config;
    private final Instant startedAt;
    private final Scheduler scheduler;
    private final SourceWatcher watcher;
    private final ControlServer control;
    private final SystemdNotifier systemd;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final CompletableFuture<StopOutcome> stopOutcome = new CompletableFuture<>();

    private Daemon(PirsyncdConfig config, Instant startedAt, Scheduler scheduler, SourceWatcher watcher,
            RuntimeLayout layout, SystemdNotifier systemd) throws IOException {
        this.config = config;
        this.systemd = systemd;
        this.startedAt = startedAt;
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.control = ControlServer.start(layout.socket(), this);
    }

    /**
     * Starts watching and syncing; returns once the watches are in place, the initial sync is
     * queued and the control socket answers.
     *
     * @throws UserError when the source cannot be watched (missing, unreadable, too few watches)
     */
    static Daemon start(PirsyncdConfig config, RuntimeLayout layout, SystemdNotifier systemd) throws IOException {
        Instant startedAt = Instant.now();
        List<TargetSpec> targets = new ArrayList<>();
        for (Target target : config.targets()) {
            String display = target.destination().display();
            RsyncTransfer rsync = new RsyncTransfer(config.source(), target.destination(), target.options(), target.name());
            targets.add(new TargetSpec(target.name(), display, new LoggedTransfer(target.name(), display, rsync)));
        }
        Scheduler scheduler = new Scheduler(targets, scheduleSettings(config.schedule()));
        SourceWatcher watcher;
        try {
            pirsyncd.config.WatchSettings watch = config.watch();
            watcher = SourceWatcher.start(new WatchSettings(config.source(), config.exclude(), config.debug().events(),
                    watch.unwatchedRescanInterval(), watch.rootRetryInterval(), watch.maxWatches()), scheduler);
        } catch (IOException e) {
            scheduler.close();
            throw new UserError(ExitCodes.UNAVAILABLE, e.getMessage());
        }
        try {
            scheduler.start();
            Daemon daemon = new Daemon(config, startedAt, scheduler, watcher, layout, systemd);
            systemd.ready(daemon::status, System.getenv());
            DaemonLog.DAEMON.info("instance {} running: {} -> {}", config.instance(), config.source(),
                    String.join(", ", targets.stream().map(TargetSpec::destinationDisplay).toList()));
            // The start-up walk grew the heap for its garbage (to about 25 MB at 100,000 folders, where
            // the tree needs about 8); a young collection never gives that back, a full one does, down
            // to the launcher's MaxHeapFreeRatio. Once, now, when the daemon is about to rest: 112 -> 103 MB
            // resident at 100,000 folders for one pause of about 60 ms (a few ms on small trees), while
            // the kernel queues any events (docs/benchmarks.md, "Tuning the launcher").
            System.gc();
            return daemon;
        } catch (IOException | RuntimeException e) {
            watcher.close();
            scheduler.close();
            throw e;
        }
    }

    /** The config module's schedule settings in the scheduler's own terms. */
    private static ScheduleSettings scheduleSettings(pirsyncd.config.ScheduleSettings s) {
        return new ScheduleSettings(s.delay(), s.maxDelay(), clampToInt(s.everyEvents()), s.initialSync(),
                s.retryInitial(), s.retryMax(), clampToInt(s.maxPending()));
    }

    private static int clampToInt(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    /**
     * Blocks until a stop is asked for (control socket, signal), then stops: closes the watcher,
     * runs the final sync bounded by the shutdown timeout, and reports the outcome to whoever
     * asked. Called by the main thread only.
     */
    StopOutcome awaitStop() throws InterruptedException {
        stopRequested.await();
        return shutdown();
    }

    private StopOutcome shutdown() {
        String reason = stopReason.get();
        DaemonLog.DAEMON.info("stopping ({}): final sync of {} pending change(s), at most {} s", reason,
                scheduler.totalPending(), config.shutdownTimeout().toSeconds());
        systemd.stopping(reason);
        long started = System.nanoTime();
        watcher.close();
        long pendingBefore = scheduler.totalPending();
        boolean flushed = scheduler.flushAndClose(config.shutdownTimeout());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String outcome = flushed
                ? "stopped instance \"%s\": final sync of %d pending change(s) done in %.1f s".formatted(
                        config.instance(), pendingBefore, took.toMillis() / 1000.0)
                : ("stopped instance \"%s\": the final sync did not finish within %d s; %d change(s) not synced"
                        + " (the next start's initial full sync catches up)").formatted(
                        config.instance(), config.shutdownTimeout().toSeconds(), scheduler.totalPending());
        if (flushed) {
            DaemonLog.DAEMON.info(outcome);
        } else {
            DaemonLog.DAEMON.warn(outcome);
        }
        StopOutcome stopped = new StopOutcome(flushed, outcome);
        stopOutcome.complete(stopped);
        return stopped;
    }

    /** Asks the main thread to stop; returns at once. Safe from any thread, any number of times. */
    void requestStop(String reason) {
        if (stopReason.compareAndSet(null, reason)) {
            stopRequested.countDown();
        }
    }

    /** Whether a stop has been asked for. */
    boolean stopping() {
        return stopReason.get() != null;
    }

    @Override
    public StopOutcome stop(String reason) throws InterruptedException {
        requestStop(reason);
        try {
            return stopOutcome.get();
        } catch (ExecutionException e) {
            return new StopOutcome(false, "stopped, with an error: " + e.getCause());
        }
    }

    @Override
    public String resync(String reason) {
        if (stopping()) {
            return "not queued: the daemon is stopping";
        }
        scheduler.resyncAll(reason);
        int targets = config.targets().size();
        return "full sync of " + targets + (targets == 1 ? " destination" : " destinations") + " queued";
    }

    @Override
    public StatusReport status() {
        Instant now = Instant.now();
        WatchStatus watch = watcher.status();
        List<StatusReport.TargetReport> targets = new ArrayList<>();
        long pending = 0;
        for (TargetStatus target : scheduler.status()) {
            pending += target.pending();
            targets.add(new StatusReport.TargetReport(target.name(), target.destination(),
                    target.state().name().toLowerCase(Locale.ROOT), target.pending(), target.fullSyncPending(),
                    target.nextRun().map(Instant::toString).orElse(null),
                    target.lastSuccess().map(Instant::toString).orElse(null),
                    target.lastError().map(Daemon::describe).orElse(null),
                    target.lastError().map(e -> e.at().toString()).orElse(null),
                    target.runs(), target.failures(), target.consecutiveFailures(), target.filesSent(),
                    target.bytesSent()));
        }
        List<String> unwatchedPaths = watch.unwatched().stream().limit(StatusReport.MAX_UNWATCHED_PATHS)
                .map(Object::toString).toList();
        return new StatusReport(config.instance(), ProcessHandle.current().pid(), VersionProvider.version(),
                startedAt.toString(), Duration.between(startedAt, now).toSeconds(), config.source().toString(),
                watch.state().name().toLowerCase(Locale.ROOT), watch.problem().orElse(null), watch.watchedDirectories(),
                watch.unwatched().size(), unwatchedPaths, watch.approximateBytesPerDirectory(), watch.eventsRead(),
                watch.overflows(), pending, config.shutdownTimeout().toMillis() / 1000.0, targets);
    }

    private static String describe(TargetStatus.LastError error) {
        return error.meaning() + (error.exitCode() >= 0 ? " (rsync exit " + error.exitCode() + ")" : "");
    }

    /** The configuration this daemon runs with. */
    PirsyncdConfig config() {
        return config;
    }

    /** Closes the control socket (after the stop reply went out) and anything still open. */
    @Override
    public void close() throws IOException {
        if (!stopOutcome.isDone()) {
            // not stopped through awaitStop (a failure on the way up): stop at once, no final sync
            watcher.close();
            scheduler.close();
            stopOutcome.complete(new StopOutcome(false, "stopped without a final sync"));
        }
        control.close();
        systemd.close();
    }
}
