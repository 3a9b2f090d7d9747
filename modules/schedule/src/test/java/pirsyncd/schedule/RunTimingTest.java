package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunTimingTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** Instants are milliseconds after T0; "-" is "none". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing pending, nothing due                    | 0  | 0    | 0    | false | -    | 1000 | 10000 | 0  | - | false
            one change: due after the delay                 | 1  | 0    | 0    | false | -    | 1000 | 10000 | 0  | 1000 | false
            another change restarts the debounce            | 2  | 0    | 700  | false | -    | 1000 | 10000 | 0  | 1700 | false
            fractions of a second                           | 1  | 0    | 0    | false | -    | 250  | 2500  | 0  | 250 | false
            a stream that never pauses is capped by maxDelay| 50 | 0    | 9900 | false | -    | 1000 | 10000 | 0  | 10000 | false
            maxDelay counts from the first pending change   | 5  | 3000 | 12500| false | -    | 1000 | 10000 | 0  | 13000 | false
            delay zero runs at once                         | 1  | 40   | 40   | false | -    | 0    | 0     | 0  | 40 | false
            everyEvents reached runs at once                | 3  | 0    | 200  | false | -    | 1000 | 10000 | 3  | 200 | false
            below everyEvents the timer still fires         | 2  | 0    | 200  | false | -    | 1000 | 10000 | 3  | 1200 | false
            after a failure the retry time rules            | 9  | 0    | 200  | false | 5000 | 1000 | 10000 | 3  | 5000 | false
            a retry is not brought forward by new changes   | 1  | 0    | 4000 | false | 5000 | 0    | 0     | 0  | 5000 | false
            urgent (start, resync, flush) runs at once      | 1  | 100  | 100  | true  | -    | 1000 | 10000 | 0  | 100 | false
            urgent cuts a backoff short                     | 1  | 100  | 100  | true  | 60000| 1000 | 10000 | 0  | 100 | false
            held after max-delete: nothing runs             | 3  | 0    | 200  | false | -    | 1000 | 10000 | 0  | - | true
            held: not even a flush runs                     | 3  | 0    | 200  | true  | -    | 1000 | 10000 | 0  | - | true
            """)
    void theNextRunIsDueAt(String description, int pending, long first, long last, boolean urgent, String retryAt,
            long delay, long maxDelay, int everyEvents, String expected, boolean held) {
        ScheduleSettings settings = ScheduleSettings.defaults()
                .withDelay(Duration.ofMillis(delay))
                .withMaxDelay(Duration.ofMillis(maxDelay))
                .withEveryEvents(everyEvents);
        Optional<Instant> retry = retryAt.equals("-") ? Optional.empty() : Optional.of(at(Long.parseLong(retryAt)));
        RunTiming.Inputs inputs = new RunTiming.Inputs(pending, at(first), at(last), urgent, retry, held);
        Optional<Instant> due = RunTiming.due(inputs, settings);
        assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(at(Long.parseLong(expected))), due,
                description);
    }
}
