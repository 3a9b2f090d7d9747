package pirsyncd.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When the scheduler syncs and how it retries.
 *
 * @param delay quiet time after a change before syncing
 * @param maxDelay the longest a pending change waits while changes keep coming; at least {@code delay}
 * @param everyEvents sync once this many changes are pending; 0 for off
 * @param initialSync a full sync of every target once watching
 * @param retryInitial the wait before the first retry; doubled per retry
 * @param retryMax the longest wait between retries; at least {@code retryInitial}
 * @param maxPending pending paths per target beyond which one full sync replaces them
 */
public record ScheduleSettings(
        Duration delay,
        Duration maxDelay,
        long everyEvents,
        boolean initialSync,
        Duration retryInitial,
        Duration retryMax,
        long maxPending) {
    public ScheduleSettings {
        Objects.requireNonNull(delay);
        Objects.requireNonNull(maxDelay);
        Objects.requireNonNull(retryInitial);
        Objects.requireNonNull(retryMax);
    }
}
