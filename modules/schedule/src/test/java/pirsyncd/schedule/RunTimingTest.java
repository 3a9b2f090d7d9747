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

    /**
     * Instants are milliseconds after T0; "-" is "none". The last column is when the latest write
     * without its close arrived, "-" when no pending place is still being written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing pending, nothing due                             | 0  | 0    | 0     | false | -     | 1000 | 10000 | 0 | -     | false | -
            one change: due after the delay                          | 1  | 0    | 0     | false | -     | 1000 | 10000 | 0 | 1000  | false | -
            another change restarts the debounce                     | 2  | 0    | 700   | false | -     | 1000 | 10000 | 0 | 1700  | false | -
            fractions of a second                                    | 1  | 0    | 0     | false | -     | 250  | 2500  | 0 | 250   | false | -
            a stream that never pauses is capped by maxDelay         | 50 | 0    | 9900  | false | -     | 1000 | 10000 | 0 | 10000 | false | -
            maxDelay counts from the first pending change            | 5  | 3000 | 12500 | false | -     | 1000 | 10000 | 0 | 13000 | false | -
            delay zero runs at once                                  | 1  | 40   | 40    | false | -     | 0    | 0     | 0 | 40    | false | -
            everyEvents reached runs at once                         | 3  | 0    | 200   | false | -     | 1000 | 10000 | 3 | 200   | false | -
            below everyEvents the timer still fires                  | 2  | 0    | 200   | false | -     | 1000 | 10000 | 3 | 1200  | false | -
            after a failure the retry time rules                     | 9  | 0    | 200   | false | 5000  | 1000 | 10000 | 3 | 5000  | false | -
            a retry is not brought forward by new changes            | 1  | 0    | 4000  | false | 5000  | 0    | 0     | 0 | 5000  | false | -
            urgent (start, resync, flush) runs at once               | 1  | 100  | 100   | true  | -     | 1000 | 10000 | 0 | 100   | false | -
            urgent cuts a backoff short                              | 1  | 100  | 100   | true  | 60000 | 1000 | 10000 | 0 | 100   | false | -
            held after max-delete: nothing runs                      | 3  | 0    | 200   | false | -     | 1000 | 10000 | 0 | -     | true  | -
            held: not even a flush runs                              | 3  | 0    | 200   | true  | -     | 1000 | 10000 | 0 | -     | true  | -
            being written, delay 0: held until the writer is quiet   | 1  | 40   | 40    | false | -     | 0    | 0     | 0 | 90    | false | 40
            a close ends the wait: nothing is being written any more | 1  | 40   | 41    | false | -     | 0    | 0     | 0 | 40    | false | -
            another write restarts the quiet window                  | 1  | 40   | 70    | false | -     | 0    | 0     | 0 | 120   | false | 70
            an open write with other changes after it                | 3  | 40   | 70    | false | -     | 0    | 0     | 0 | 90    | false | 40
            written for ever: the cap from the first change          | 1  | 40   | 1030  | false | -     | 0    | 0     | 0 | 1040  | false | 1030
            a positive maxDelay is kept as the cap                   | 1  | 40   | 100   | false | -     | 10   | 100   | 0 | 140   | false | 100
            delay longer than the quiet window: unchanged            | 1  | 0    | 0     | false | -     | 1000 | 10000 | 0 | 1000  | false | 0
            maxDelay still caps a stream with the default delay      | 50 | 0    | 9990  | false | -     | 1000 | 10000 | 0 | 10000 | false | 9990
            urgent is not held by a write                            | 1  | 100  | 100   | true  | -     | 0    | 0     | 0 | 100   | false | 100
            a retry is not held by a write                           | 1  | 0    | 4000  | false | 5000  | 0    | 0     | 0 | 5000  | false | 4990
            everyEvents is not held by a write                       | 3  | 0    | 200   | false | -     | 0    | 0     | 3 | 200   | false | 200
            """)
    void theNextRunIsDueAt(String description, int pending, long first, long last, boolean urgent, String retryAt,
            long delay, long maxDelay, int everyEvents, String expected, boolean held, String openWrite) {
        ScheduleSettings settings = ScheduleSettings.defaults()
                .withDelay(Duration.ofMillis(delay))
                .withMaxDelay(Duration.ofMillis(maxDelay))
                .withEveryEvents(everyEvents);
        Optional<Instant> retry = retryAt.equals("-") ? Optional.empty() : Optional.of(at(Long.parseLong(retryAt)));
        Optional<Instant> written = openWrite.equals("-") ? Optional.empty() : Optional.of(at(Long.parseLong(openWrite)));
        RunTiming.Inputs inputs = new RunTiming.Inputs(pending, at(first), at(last), urgent, retry, held, written);
        Optional<Instant> due = RunTiming.due(inputs, settings);
        assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(at(Long.parseLong(expected))), due,
                description);
    }
}
