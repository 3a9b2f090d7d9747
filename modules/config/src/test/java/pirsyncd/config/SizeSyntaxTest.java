package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rsync's size syntax, as rsync(1) documents it for --max-size and --bwlimit. */
class SizeSyntaxTest {

    @ParameterizedTest(name = "{0} (plain unit {1}) = {2}")
    @CsvSource({
        "0, 1, 0",
        "100, 1, 100",
        "100, 1024, 102400",
        "10K, 1, 10240",
        "10k, 1, 10240",
        "10KiB, 1, 10240",
        "10KB, 1, 10000",
        "1.5M, 1, 1572864",
        "1G, 1, 1073741824",
        "2MB, 1, 2000000",
        "1T, 1, 1099511627776",
        "1P, 1, 1125899906842624",
        "100b, 1024, 100",
        "10M+1, 1, 10485761",
        "10M-1, 1, 10485759",
    })
    void validSizes(String text, long plainUnit, long bytes) {
        assertEquals(OptionalLong.of(bytes), SizeSyntax.bytes(text, plainUnit, true));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource({"10Q", "M", "-5", "1.M", "10 M", "1e3", "10MiBB", "9999999999P", "''"})
    void invalidSizes(String text) {
        assertEquals(OptionalLong.empty(), SizeSyntax.bytes(text, 1, true));
    }

    @ParameterizedTest(name = "\"{0}\" has an offset, which --bwlimit does not take")
    @CsvSource({"10M+1", "1K-1"})
    void offsetsOnlyWhereAllowed(String text) {
        assertEquals(OptionalLong.empty(), SizeSyntax.bytes(text, 1024, false));
    }
}
