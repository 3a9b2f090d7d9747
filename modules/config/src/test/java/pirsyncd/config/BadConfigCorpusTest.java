package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code testdata/bad-configs/NAME.json} is refused with exactly the lines of
 * {@code NAME.expected} (file names there are relative to the corpus folder) and exit code 78.
 */
class BadConfigCorpusTest {

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(TestData.BAD)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithItsExactMessages(String name) throws IOException {
        Path config = TestData.BAD.resolve(name + ".json");
        List<String> expected = Files.readAllLines(TestData.BAD.resolve(name + ".expected"), StandardCharsets.UTF_8);

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(config), ConfigOverrides.none()));

        List<String> actual = e.errors().stream()
                .map(line -> line.replace(TestData.BAD + "/", "")
                        .replace(TestData.BAD.toAbsolutePath().normalize().toString(), "<dir>"))
                .toList();
        assertEquals(expected, actual);
        assertEquals(78, e.exitCode());
        assertTrue(actual.stream().noneMatch(line -> line.contains("\n") || line.contains("Exception")), "one line each, no stack traces");
    }

    @Test
    void theCorpusHasAtLeastTwentyFiveCasesEachWithItsExpectedMessages() throws IOException {
        List<String> names = corpus().toList();
        assertTrue(names.size() >= 25, "only " + names.size() + " bad configs");
        for (String name : names) {
            assertTrue(Files.isRegularFile(TestData.BAD.resolve(name + ".expected")), name + ".expected is missing");
        }
    }

    @Test
    void everyErrorLineNamesFileLineColumnAndField() throws IOException {
        for (String name : corpus().toList()) {
            for (String line : Files.readAllLines(TestData.BAD.resolve(name + ".expected"), StandardCharsets.UTF_8)) {
                assertTrue(line.matches(java.util.regex.Pattern.quote(name) + "\\.json:\\d+:\\d+: .+"), line);
            }
        }
    }
}
