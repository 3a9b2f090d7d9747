package pirsyncd.config;

import java.util.Locale;
import java.util.Optional;

/** tinylog's levels, as written in the config ({@code "debug"}). */
public enum LogLevel {
    /** Everything, including every event. */
    TRACE,
    /** Details for debugging. */
    DEBUG,
    /** What the daemon does: starts, syncs, stops. */
    INFO,
    /** Something is wrong but the daemon carries on. */
    WARN,
    /** Something failed. */
    ERROR,
    /** Nothing. */
    OFF;

    /** The level spelled {@code text} (any case), if there is one. */
    static Optional<LogLevel> parse(String text) {
        for (LogLevel level : values()) {
            if (level.name().equalsIgnoreCase(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The spelling used in configs and by tinylog. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
