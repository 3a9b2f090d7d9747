package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typos find their key; nonsense finds none. */
class KeySuggestionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "dealy, delay",
        "maxdelay, maxDelay",
        "MAX_DELAY, maxDelay",
        "everyEvent, everyEvents",
        "exclude_, exclude",
        "excludes, exclude",
        "targtes, targets",
        "bwLimit, bwlimit",
        "partialdir, partialDir",
        "shutdowntimeout, shutdownTimeout",
    })
    void typosFindTheirKey(String typo, String key) {
        assertEquals(Optional.of(key), KeySuggestions.nearest(typo, Keys.TOP));
    }

    @ParameterizedTest(name = "{0} -> nothing")
    @CsvSource({"colour", "x", "frobnicate", "hostname"})
    void nonsenseFindsNothing(String word) {
        assertEquals(Optional.empty(), KeySuggestions.nearest(word, Keys.TOP));
    }

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({"delay, delay, 0", "dealy, delay, 1", "delay, dely, 1", "abc, xyz, 3", "'', abc, 3"})
    void distanceCountsEditsAndSwaps(String a, String b, int distance) {
        assertEquals(distance, KeySuggestions.distance(a, b));
    }
}
