package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.rsync.Destination;

/** The file itself: missing, unreadable or oddly encoded files, and what its name and folder mean. */
class ConfigLoaderTest {
    private static final String BODY = "{\"source\": \"tree\", \"targets\": [{\"destination\": \"mirror\"}]}";

    @TempDir
    Path dir;

    @BeforeEach
    void aTree() throws IOException {
        Files.createDirectory(dir.resolve("tree"));
    }

    private List<String> errors(Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), ConfigOverrides.none()));
        assertEquals(ConfigException.EX_CONFIG, e.exitCode());
        return e.errors();
    }

    @Test
    void aMissingFileSaysSo() {
        Path file = dir.resolve("nope.json");
        assertEquals(List.of(file + ": does not exist; check the path given to --config"), errors(file));
    }

    @Test
    void aFolderIsNotAConfigFile() {
        assertEquals(List.of(dir + ": is a folder; give the config file (e.g. /etc/pirsyncd/www.json)"), errors(dir));
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"source\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(file + ": is not UTF-8 text; save it as UTF-8"), errors(file));
    }

    @Test
    void aByteOrderMarkIsIgnoredAndRelativePathsStartAtTheFilesFolder() throws Exception {
        Path file = dir.resolve("www.json");
        Files.writeString(file, "\uFEFF" + BODY);

        PirsyncdConfig config = ConfigLoader.load(Optional.of(file), ConfigOverrides.none());

        assertEquals("www", config.instance());
        assertEquals(dir.resolve("tree").toRealPath(), config.source());
        assertEquals(new Destination.Local(dir.toRealPath().resolve("mirror")), config.targets().getFirst().destination());
    }

    @Test
    void aFileNameThatCannotNameAnInstanceNeedsAnInstanceSetting() throws Exception {
        Path file = dir.resolve("my www.json");
        Files.writeString(file, BODY);
        assertEquals(List.of(file + ":1:1: instance: the file name \"my www.json\" cannot name an instance;"
                + " set \"instance\": \"NAME\" (letters, digits, '.', '_', '-')"), errors(file));

        Files.writeString(file, "{\"instance\": \"www\", " + BODY.substring(1));
        assertEquals("www", ConfigLoader.load(Optional.of(file), ConfigOverrides.none()).instance());
    }
}
