package pirsyncd.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting on a condition, never on the clock: the condition is checked again and again (a short pause in
 * between so a busy machine is not made busier) until it holds or the bound passes, and the failure
 * message then says what was awaited and what was last seen.
 */
final class Await {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Await() {}

    /** Returns how long it took; fails with {@code what} and the last {@code lastSeen} when it never held. */
    static Duration until(Duration bound, String what, BooleanSupplier condition, Supplier<String> lastSeen) {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + bound + " waiting for " + what + "; last seen: "
                        + lastSeen.get());
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static Duration until(Duration bound, String what, BooleanSupplier condition) {
        return until(bound, what, condition, () -> "(nothing to show)");
    }
}
