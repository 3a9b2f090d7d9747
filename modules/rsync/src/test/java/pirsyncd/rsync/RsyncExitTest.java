package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pirsyncd.model.TransferResult.Outcome;

class RsyncExitTest {
    @ParameterizedTest
    @CsvSource({
        "0, OK", "1, FATAL", "2, FATAL", "3, RETRY", "4, FATAL", "5, FATAL", "10, RETRY", "11, RETRY", "12, RETRY",
        "20, RETRY", "23, RETRY", "24, OK", "25, FATAL", "30, RETRY", "35, RETRY", "255, RETRY", "99, RETRY",
    })
    void exitCodesMapThroughTheTable(int code, Outcome outcome) {
        assertEquals(outcome, RsyncExit.outcomeOf(code));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "23 | exit 23 (partial transfer due to error)",
        "24 | exit 24 (partial transfer due to vanished source files)",
        "99 | exit 99 (undocumented exit code)",
    })
    void exitCodesAreDescribedInWords(int code, String words) {
        assertEquals(words, RsyncExit.describe(code));
    }
}
