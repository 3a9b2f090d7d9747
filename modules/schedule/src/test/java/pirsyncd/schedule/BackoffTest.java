package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pirsyncd.model.TransferResult.Outcome;

class BackoffTest {
    private final ScheduleSettings settings =
            ScheduleSettings.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    /** With the least and the most jitter: the wait lies in the upper half of the step. */
    @ParameterizedTest(name = "failure {0} ({1}): {2} ms to {3} ms")
    @CsvSource(textBlock = """
            1,  RETRY, 500,   1000
            2,  RETRY, 1000,  2000
            3,  RETRY, 2000,  4000
            6,  RETRY, 16000, 32000
            7,  RETRY, 30000, 60000
            40, RETRY, 30000, 60000
            1,  FATAL, 30000, 60000
            """)
    void waitsGrowExponentiallyUpToTheMaximum(int failures, Outcome outcome, long leastMillis, long mostMillis) {
        assertEquals(Duration.ofMillis(leastMillis), Backoff.after(failures, outcome, settings, () -> 0.0));
        Duration most = Backoff.after(failures, outcome, settings, () -> Math.nextDown(1.0));
        assertEquals(mostMillis, most.plusMillis(1).toMillis(), "just under the step");
    }

    @Test
    void hugeFailureCountsDoNotOverflow() {
        assertEquals(Duration.ofSeconds(30), Backoff.after(Integer.MAX_VALUE, Outcome.RETRY, settings, () -> 0.0));
    }
}
