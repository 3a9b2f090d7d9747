package pirsyncd.daemon.logging;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tinylog.Level;

/**
 * Which messages pass: a default level and a level per tag (the subsystems {@code inotify},
 * {@code watch}, {@code schedule}, {@code rsync}, {@code control}, {@code config}), so that a user
 * can turn on just the part they are debugging. Written as {@code info,watch=debug,rsync=trace}
 * when it has to travel through tinylog's string-only writer properties.
 *
 * @param defaultLevel the level for untagged messages and tags not listed
 * @param tagLevels levels for particular tags
 */
public record LogLevels(Level defaultLevel, Map<String, Level> tagLevels) {
    public LogLevels {
        tagLevels = Map.copyOf(tagLevels);
    }

    /** True if a message of this level and tag (null when untagged) is to be written. */
    public boolean passes(String tag, Level level) {
        Level threshold = tag == null ? defaultLevel : tagLevels.getOrDefault(tag, defaultLevel);
        return level.compareTo(threshold) >= 0;
    }

    /** The most detailed level anything may pass, for tinylog's own global filter. */
    public Level lowest() {
        Level lowest = defaultLevel;
        for (Level level : tagLevels.values()) {
            if (level.compareTo(lowest) < 0) {
                lowest = level;
            }
        }
        return lowest;
    }

    /** {@code info,watch=debug}: the form {@link #parse} reads. */
    public String encode() {
        StringBuilder out = new StringBuilder(defaultLevel.name().toLowerCase(Locale.ROOT));
        new TreeMap<>(tagLevels).forEach((tag, level) ->
                out.append(',').append(tag).append('=').append(level.name().toLowerCase(Locale.ROOT)));
        return out.toString();
    }

    /**
     * Reads {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException naming the bad level
     */
    public static LogLevels parse(String encoded) {
        String[] parts = encoded.split(",", -1);
        Level defaultLevel = level(parts[0].strip());
        Map<String, Level> tags = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] tagAndLevel = parts[i].split("=", 2);
            if (tagAndLevel.length != 2) {
                throw new IllegalArgumentException("\"" + parts[i] + "\" is not TAG=LEVEL");
            }
            tags.put(tagAndLevel[0].strip(), level(tagAndLevel[1].strip()));
        }
        return new LogLevels(defaultLevel, tags);
    }

    /**
     * A level by name: trace, debug, info, warn (or warning), error, off.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Level level(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            case "error" -> Level.ERROR;
            case "off" -> Level.OFF;
            default -> throw new IllegalArgumentException("unknown log level \"" + name
                    + "\"; use trace, debug, info, warn, error or off");
        };
    }
}
