package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-config corpus through the real command line: {@code pirsyncd check --config FILE}
 * prints exactly the lines of {@code NAME.expected} on stderr, each starting with
 * {@code FILE:LINE:COL:} and nothing in front (editors jump to such lines), and exits 78.
 */
@Timeout(60)
class CheckCorpusTest {
    private static final Path BAD = Path.of("../../testdata/bad-configs");

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void checkPrintsTheExpectedLinesAsTheyAreAndExits78(String name) throws IOException {
        List<String> expected = Files.readAllLines(BAD.resolve(name + ".expected"), StandardCharsets.UTF_8);

        CommandLineTest.Outcome check = CommandLineTest.execute("check", "--config", BAD.resolve(name + ".json").toString());

        assertEquals(ExitCodes.CONFIG, check.exitCode(), check.err());
        List<String> printed = check.err().lines()
                .map(line -> line.replace(BAD + "/", "").replace(BAD.toAbsolutePath().normalize().toString(), "<dir>"))
                .toList();
        assertEquals(expected, printed);
    }
}
