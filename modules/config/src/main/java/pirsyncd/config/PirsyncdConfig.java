package pirsyncd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pirsyncd.model.ExcludeRules;

/**
 * The effective, validated configuration: the file's settings with defaults filled in and
 * flags applied. Immutable; everything the daemon needs to start.
 *
 * @param instance the instance name (socket, pid file, log)
 * @param file the config file it came from, if any
 * @param source the tree to watch, absolute with symlinks resolved
 * @param targets at least one, in the file's order, with unique names and destinations
 * @param schedule delays, batching and retries
 * @param exclude the exclude rules, for the watcher (each target's options carry them for rsync)
 * @param watch how the watcher rescans, retries and caps its watches
 * @param log the daemon's log
 * @param debug extra debug logging
 * @param shutdownTimeout how long a stop waits for the final sync
 */
public record PirsyncdConfig(
        String instance,
        Optional<Path> file,
        Path source,
        List<Target> targets,
        ScheduleSettings schedule,
        ExcludeRules exclude,
        WatchSettings watch,
        LogSettings log,
        DebugSettings debug,
        Duration shutdownTimeout) {
    public PirsyncdConfig {
        Objects.requireNonNull(instance);
        Objects.requireNonNull(file);
        Objects.requireNonNull(source);
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a config needs at least one target");
        }
        Objects.requireNonNull(schedule);
        Objects.requireNonNull(exclude);
        Objects.requireNonNull(watch);
        Objects.requireNonNull(log);
        Objects.requireNonNull(debug);
        Objects.requireNonNull(shutdownTimeout);
    }

    /**
     * The effective settings for people ({@code pirsyncd check}): every setting with its value,
     * defaults included, one per line; the daemon adds the rsync command lines.
     */
    public String describe() {
        return Describer.describe(this, Optional.empty());
    }

    /**
     * {@link #describe()}, naming the log file a background daemon would write when the config
     * names none (it lives in the runtime folder, which only the daemon module knows).
     */
    public String describe(Path defaultLogFile) {
        return Describer.describe(this, Optional.of(defaultLogFile));
    }
}
