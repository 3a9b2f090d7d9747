package pirsyncd.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import pirsyncd.config.PirsyncdConfig;
import pirsyncd.daemon.logging.LogLevels;
import pirsyncd.inotify.NativeAccess;
import pirsyncd.inotify.Posix;

/**
 * What {@code run} does, in the foreground or as the background child of {@code start}: claim
 * the instance, set up logging, start the pipeline, serve until asked to stop, stop gracefully.
 */
final class DaemonLauncher {
    private DaemonLauncher() {}

    /**
     * Runs the daemon until it is stopped; returns the exit code.
     *
     * @param background true for {@code start}'s child: its own session, logging to a file
     * @throws UserError for everything a person can fix (already running, native access, source)
     */
    static int run(PirsyncdConfig config, RuntimeLayout layout, boolean background) throws IOException,
            InterruptedException {
        layout.createDirectory();
        // first, before any module logs: tinylog takes its configuration at the first message
        Logging.configure(logSettings(config, layout, background));
        logConfiguration(config, layout);
        Optional<String> noNative = NativeAccess.unavailableReason();
        if (noNative.isPresent()) {
            throw new UserError(ExitCodes.UNAVAILABLE, noNative.get());
        }
        if (background) {
            // a session of our own: no controlling terminal, so the shell's hangup or Ctrl-C
            // never reaches the daemon (setsid(2))
            Posix.setsid();
        }
        InstanceLock.Claim claim = InstanceLock.acquire(layout.pidFile(), ProcessHandle.current().pid());
        InstanceLock lock = switch (claim) {
            case InstanceLock.Claim.HeldBy held -> throw alreadyRunning(layout, held.pid());
            case InstanceLock.Claim.Acquired acquired -> {
                acquired.stalePid().ifPresent(pid -> DaemonLog.DAEMON.info(
                        "replacing the stale pid file and socket of instance {} left by pid {}", layout.instance(), pid));
                yield acquired.lock();
            }
        };
        StopSwitch stopSwitch = new StopSwitch();
        Signals.install(stopSwitch);
        try (lock; SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
                Daemon daemon = Daemon.start(config, layout, systemd)) {
            stopSwitch.attach(daemon::requestStop);
            DaemonLog.DAEMON.info("pid {}, control socket {}{}", ProcessHandle.current().pid(), layout.socket(),
                    background ? ", log " + logFile(config, layout) : "");
            daemon.awaitStop();
        }
        Logging.shutdown();
        return ExitCodes.OK;
    }

    /** Under the config tag: where the configuration came from, and at debug every effective setting. */
    private static void logConfiguration(PirsyncdConfig config, RuntimeLayout layout) {
        DaemonLog.CONFIG.info("configuration {}: instance {}, source {}, {} target(s); runtime folder {}",
                config.file().map(java.nio.file.Path::toString).orElse("from flags only"), config.instance(),
                config.source(), config.targets().size(), layout.describeDirectory());
        for (String line : config.describe(layout.defaultLogFile()).lines().toList()) {
            DaemonLog.CONFIG.debug("effective setting {}", line);
        }
    }

    static UserError alreadyRunning(RuntimeLayout layout, OptionalLong pid) {
        return new UserError(ExitCodes.UNAVAILABLE, "instance \"" + layout.instance() + "\" is already running"
                + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "") + "; stop it first with: pirsyncd stop"
                + " --instance " + layout.instance() + ", or give this one another --instance name");
    }

    static java.nio.file.Path logFile(PirsyncdConfig config, RuntimeLayout layout) {
        return config.log().file().orElse(layout.defaultLogFile());
    }

    /** The config's log section as the writer needs it; debug flags raise their tag to debug. */
    static Logging.Settings logSettings(PirsyncdConfig config, RuntimeLayout layout, boolean background) {
        Map<String, org.tinylog.Level> tags = new java.util.HashMap<>();
        config.log().levels().forEach((tag, level) -> tags.put(tag, LogLevels.level(level.spelling())));
        org.tinylog.Level level = LogLevels.level(config.log().level().spelling());
        if (config.debug().events()) {
            tags.merge("watch", org.tinylog.Level.DEBUG, DaemonLauncher::moreDetailed);
        }
        if (config.debug().commands()) {
            tags.merge("rsync", org.tinylog.Level.DEBUG, DaemonLauncher::moreDetailed);
        }
        return new Logging.Settings(new LogLevels(level, tags),
                background ? Optional.of(logFile(config, layout)) : Optional.empty(),
                config.log().maxSizeBytes(), config.log().backups());
    }

    private static org.tinylog.Level moreDetailed(org.tinylog.Level a, org.tinylog.Level b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Keeps picocli's view of the instance and the config's in agreement. */
    static InstanceName instanceName(PirsyncdConfig config) {
        try {
            return new InstanceName(config.instance());
        } catch (UserError e) {
            throw new UserError(ExitCodes.CONFIG, "instance: " + e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
    }

    /** The arguments after the subcommand's name, as given. */
    static List<String> argumentsAfter(List<String> original, String subcommand) {
        int at = original.indexOf(subcommand);
        return new ArrayList<>(original.subList(at + 1, original.size()));
    }
}
