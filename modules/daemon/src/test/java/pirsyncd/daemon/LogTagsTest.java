package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import pirsyncd.config.LogSettings;

/**
 * Every documented log tag ({@code log.levels.TAG}) is one that some module logs under, and every
 * tag a module logs under is documented: a level setting that nothing obeys is a lie.
 */
class LogTagsTest {
    private static final Pattern TAG = Pattern.compile("Logger\\.tag\\(\"([a-z]+)\"\\)");

    @Test
    void theDocumentedTagsAreExactlyTheTagsTheModulesLogUnder() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            for (Path module : modules.toList()) {
                Path sources = module.resolve("src/main/java");
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        Matcher matcher = TAG.matcher(read(f));
                        while (matcher.find()) {
                            used.add(matcher.group(1));
                        }
                    });
                }
            }
        }
        assertTrue(used.contains("inotify") && used.contains("daemon"), "the scan found " + used);
        assertEquals(new TreeSet<>(LogSettings.TAGS), used);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
