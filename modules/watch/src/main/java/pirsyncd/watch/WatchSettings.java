package pirsyncd.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import pirsyncd.model.ExcludeRules;

/**
 * How to watch one source tree.
 *
 * @param root the source directory; made absolute. It may itself be a symbolic link to a
 *     directory (followed once, at the top); links below it are never followed
 * @param excludes what is neither watched nor reported (rsync syntax, shared with the transfer)
 * @param logEvents log every raw inotify event at debug level under the "watch" tag
 *     ({@code debug.events})
 * @param unwatchedRescanInterval how often a directory that could not be watched (watch limit) is
 *     retried and, while still unwatched, reported as a {@code Rescan} of its subtree
 * @param rootRetryInterval while the root is missing, how often to look for it again
 * @param maxWatches the most watches this watcher may hold, 0 for as many as the kernel allows;
 *     a share of {@code fs.inotify.max_user_watches} for one source among several
 */
public record WatchSettings(Path root, ExcludeRules excludes, boolean logEvents, Duration unwatchedRescanInterval,
        Duration rootRetryInterval, int maxWatches) {

    /** Defaults for the intervals: a rescan of unwatched parts every 5 minutes, the root looked for every 2 s. */
    public static final Duration DEFAULT_UNWATCHED_RESCAN_INTERVAL = Duration.ofMinutes(5);

    /** How often a missing root is looked for by default. */
    public static final Duration DEFAULT_ROOT_RETRY_INTERVAL = Duration.ofSeconds(2);

    /** Checks the values; the root is made absolute and normalised. */
    public WatchSettings {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        Objects.requireNonNull(excludes, "excludes");
        requirePositive(unwatchedRescanInterval, "unwatchedRescanInterval");
        requirePositive(rootRetryInterval, "rootRetryInterval");
        if (maxWatches < 0) {
            throw new IllegalArgumentException("maxWatches must be 0 (no limit of our own) or positive, not " + maxWatches);
        }
    }

    /** Settings with the default intervals, no event log and no watch cap of our own. */
    public static WatchSettings of(Path root, ExcludeRules excludes) {
        return new WatchSettings(root, excludes, false, DEFAULT_UNWATCHED_RESCAN_INTERVAL, DEFAULT_ROOT_RETRY_INTERVAL, 0);
    }

    private static void requirePositive(Duration duration, String field) {
        Objects.requireNonNull(duration, field);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, not " + duration);
        }
    }
}
