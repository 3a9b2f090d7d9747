package pirsyncd.schedule;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import pirsyncd.model.TransferResult;

/**
 * How long a destination waits after a failed run: exponential from {@code backoffInitial},
 * capped at {@code backoffMax}, with "equal jitter" (a uniform pick in the upper half of the
 * step) so that destinations that failed together do not retry in lockstep, while the wait
 * still grows at every step.
 */
final class Backoff {
    private Backoff() {}

    /**
     * @param consecutiveFailures failures in a row, including the one just reported (at least 1)
     * @param outcome the failed run's outcome: FATAL needs a person, so it waits the longest step at once
     * @param unitRandom values in [0, 1)
     */
    static Duration after(int consecutiveFailures, TransferResult.Outcome outcome, ScheduleSettings settings,
            DoubleSupplier unitRandom) {
        Duration step = switch (outcome) {
            case OK -> Duration.ZERO;
            case FATAL -> settings.backoffMax();
            case RETRY -> exponential(consecutiveFailures, settings);
        };
        long half = step.toNanos() / 2;
        return Duration.ofNanos(step.toNanos() - half + (long) (unitRandom.getAsDouble() * half));
    }

    private static Duration exponential(int consecutiveFailures, ScheduleSettings settings) {
        long max = settings.backoffMax().toNanos();
        long nanos = settings.backoffInitial().toNanos();
        for (int i = 1; i < consecutiveFailures && nanos < max; i++) {
            nanos = nanos > max / 2 ? max : nanos * 2;
        }
        return Duration.ofNanos(Math.min(nanos, max));
    }
}
