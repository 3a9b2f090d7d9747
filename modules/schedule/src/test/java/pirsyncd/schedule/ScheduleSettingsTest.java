package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleSettingsTest {
    private final ScheduleSettings defaults = ScheduleSettings.defaults();

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new ScheduleSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), 0, true,
                Duration.ofSeconds(1), Duration.ofSeconds(60), 100_000), defaults);
        assertEquals(Duration.ofMillis(2500), defaults.withDelay(Duration.ofMillis(250)).maxDelay());
    }

    @Test
    void badValuesAreRejectedWithTheSettingAndTheFix() {
        assertMessage("delay: -1s is negative; use 0 (sync at once) or a number of seconds such as 1 or 0.5",
                () -> defaults.withDelay(Duration.ofSeconds(-1)));
        assertMessage("maxDelay: 0.5s is shorter than delay 1s; make it at least the delay (default: 10 x delay)",
                () -> defaults.withMaxDelay(Duration.ofMillis(500)));
        assertMessage("everyEvents: -3 is negative; use 0 to turn it off or a count such as 100",
                () -> defaults.withEveryEvents(-3));
        assertMessage("backoffInitial: 0s must be positive; use e.g. 1 (second)",
                () -> defaults.withBackoff(Duration.ZERO, Duration.ofSeconds(60)));
        assertMessage("backoffMax: 2s is shorter than backoffInitial 5s; make it at least that (default: 60)",
                () -> defaults.withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertMessage("maxPending: 0 must be at least 1; use e.g. 100000", () -> defaults.withMaxPending(0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable bad) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, bad).getMessage());
    }
}
