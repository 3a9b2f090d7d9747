package pirsyncd.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the source tree is watched, beyond what to exclude: the watch module's
 * {@code pirsyncd.watch.WatchSettings} in config terms, with the same defaults.
 *
 * @param unwatchedRescanInterval how often a directory that could not be watched (watch limit) is
 *     retried and, while still unwatched, rescanned
 * @param rootRetryInterval while the source is missing (deleted, unmounted), how often to look for it
 * @param maxWatches the most inotify watches this instance may hold; 0 for as many as the kernel allows
 */
public record WatchSettings(Duration unwatchedRescanInterval, Duration rootRetryInterval, int maxWatches) {
    /** The watch module's default: every 5 minutes. */
    public static final Duration DEFAULT_UNWATCHED_RESCAN_INTERVAL = Duration.ofMinutes(5);
    /** The watch module's default: every 2 seconds. */
    public static final Duration DEFAULT_ROOT_RETRY_INTERVAL = Duration.ofSeconds(2);

    public WatchSettings {
        Objects.requireNonNull(unwatchedRescanInterval);
        Objects.requireNonNull(rootRetryInterval);
    }
}
