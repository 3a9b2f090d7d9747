package pirsyncd.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's own log (tinylog).
 *
 * @param file the log file for background mode; absent for the daemon's default place
 * @param level the default level
 * @param levels levels per tag (one of {@link #TAGS}); tags not listed use {@code level}
 * @param maxSizeBytes the size at which the file is rotated
 * @param backups how many rotated files to keep
 */
public record LogSettings(Optional<Path> file, LogLevel level, Map<String, LogLevel> levels, long maxSizeBytes, int backups) {
    /**
     * The log tags, one per subsystem, in the order of the docs: {@code inotify}, {@code watch},
     * {@code schedule}, {@code rsync}, {@code control}, {@code config}, {@code daemon}. Each is
     * a {@code log.levels.TAG} setting; a test checks that each is really used by a module.
     */
    public static final List<String> TAGS = ConfigExamples.all().stream().map(ConfigExample::key)
            .filter(key -> key.startsWith("log.levels.")).map(key -> key.substring("log.levels.".length())).toList();

    public LogSettings {
        Objects.requireNonNull(file);
        Objects.requireNonNull(level);
        levels = Map.copyOf(levels);
    }

    /** The level for one tag. */
    public LogLevel levelFor(String tag) {
        return levels.getOrDefault(tag, level);
    }
}
