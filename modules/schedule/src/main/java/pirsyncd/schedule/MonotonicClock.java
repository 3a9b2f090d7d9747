package pirsyncd.schedule;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Wall-clock instants that advance with {@link System#nanoTime()}: a clock step (NTP, a manual
 * date change) must neither fire every timer at once nor hold changes back for hours. Shown
 * times may drift from the wall clock by as much as it has been stepped since the start.
 */
final class MonotonicClock implements InstantSource {
    private final Instant origin = Instant.now();
    private final long originNanos = System.nanoTime();

    @Override
    public Instant instant() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }
}
