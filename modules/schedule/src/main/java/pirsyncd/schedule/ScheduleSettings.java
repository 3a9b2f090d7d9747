package pirsyncd.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how hard each destination is synced; the same settings apply to every destination.
 *
 * @param delay run when no new change has arrived for this long (debounce); zero runs as soon as
 *     the changes of one {@code accept} call are coalesced
 * @param maxDelay never hold a change longer than this under a steady stream of changes
 *     ({@link #withDelay} sets it to ten times the delay)
 * @param everyEvents also run as soon as this many places are pending; 0 turns it off
 * @param initialSync whether {@link Scheduler#start()} queues a full sync for every destination
 * @param backoffInitial the wait after the first failed run; it doubles with each further failure
 * @param backoffMax the longest wait between retries (and the wait after a FATAL outcome)
 * @param maxPending past this many pending places a destination owes a full sync instead, which
 *     keeps memory bounded while it is down
 */
public record ScheduleSettings(Duration delay, Duration maxDelay, int everyEvents, boolean initialSync,
        Duration backoffInitial, Duration backoffMax, int maxPending) {

    /** The default debounce. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

    /**
     * @throws IllegalArgumentException naming the setting and the fix, if a value is out of range
     */
    public ScheduleSettings {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + seconds(delay)
                    + " is negative; use 0 (sync at once) or a number of seconds such as 1 or 0.5");
        }
        if (maxDelay.compareTo(delay) < 0) {
            throw new IllegalArgumentException("maxDelay: " + seconds(maxDelay) + " is shorter than delay "
                    + seconds(delay) + "; make it at least the delay (default: 10 x delay)");
        }
        if (everyEvents < 0) {
            throw new IllegalArgumentException("everyEvents: " + everyEvents
                    + " is negative; use 0 to turn it off or a count such as 100");
        }
        if (backoffInitial.isNegative() || backoffInitial.isZero()) {
            throw new IllegalArgumentException("backoffInitial: " + seconds(backoffInitial)
                    + " must be positive; use e.g. 1 (second)");
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax: " + seconds(backoffMax) + " is shorter than backoffInitial "
                    + seconds(backoffInitial) + "; make it at least that (default: 60)");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending: " + maxPending
                    + " must be at least 1; use e.g. 100000");
        }
    }

    /**
     * The documented defaults: delay 1 s, maxDelay 10 s, everyEvents off, initial sync on, backoff
     * from 1 s to 60 s, at most 100,000 pending places.
     */
    public static ScheduleSettings defaults() {
        return new ScheduleSettings(DEFAULT_DELAY, DEFAULT_DELAY.multipliedBy(10), 0, true,
                Duration.ofSeconds(1), Duration.ofSeconds(60), 100_000);
    }

    /** These settings with another delay, and maxDelay reset to ten times it. */
    public ScheduleSettings withDelay(Duration newDelay) {
        return new ScheduleSettings(newDelay, newDelay.multipliedBy(10), everyEvents, initialSync,
                backoffInitial, backoffMax, maxPending);
    }

    /** These settings with another maxDelay. */
    public ScheduleSettings withMaxDelay(Duration newMaxDelay) {
        return new ScheduleSettings(delay, newMaxDelay, everyEvents, initialSync, backoffInitial, backoffMax,
                maxPending);
    }

    /** These settings with another count trigger (0 = off). */
    public ScheduleSettings withEveryEvents(int count) {
        return new ScheduleSettings(delay, maxDelay, count, initialSync, backoffInitial, backoffMax, maxPending);
    }

    /** These settings with the initial full sync on or off. */
    public ScheduleSettings withInitialSync(boolean on) {
        return new ScheduleSettings(delay, maxDelay, everyEvents, on, backoffInitial, backoffMax, maxPending);
    }

    /** These settings with another retry backoff range. */
    public ScheduleSettings withBackoff(Duration initial, Duration max) {
        return new ScheduleSettings(delay, maxDelay, everyEvents, initialSync, initial, max, maxPending);
    }

    /** These settings with another bound on pending places. */
    public ScheduleSettings withMaxPending(int count) {
        return new ScheduleSettings(delay, maxDelay, everyEvents, initialSync, backoffInitial, backoffMax, count);
    }

    /** A duration as the config file spells it: seconds, fractions allowed. */
    static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }
}
