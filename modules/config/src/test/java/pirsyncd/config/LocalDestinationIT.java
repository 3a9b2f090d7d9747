package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.rsync.Destination;

/** Local destinations on a real file system: symlinks and ".." cannot sneak a mirror into its source. */
class LocalDestinationIT {
    @TempDir
    Path dir;

    private Path source;

    @BeforeEach
    void aSourceTree() throws IOException {
        source = Files.createDirectories(dir.resolve("srv/www"));
        Files.createDirectories(source.resolve("sub"));
    }

    private PirsyncdConfig load(String destination) throws ConfigException {
        return ConfigLoader.load(Optional.empty(), ConfigOverrides.none()
                .with("source", "--source", source.toString())
                .with("targets[].destination", "--destination", destination));
    }

    private List<String> errors(String destination) {
        return assertThrows(ConfigException.class, () -> load(destination)).errors();
    }

    @Test
    void aSymlinkPointingIntoTheSourceIsRefusedAndSaysWhereItLeads() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("backup"), source.resolve("sub"));

        assertEquals(List.of("--destination: \"" + link + "/mirror\" (it resolves to " + source.toRealPath() + "/sub/mirror)"
                        + " lies inside the source; choose a folder outside it"),
                errors(link + "/mirror"));
    }

    @Test
    void aSymlinkedSourceIsCaughtFromTheOtherSide() throws Exception {
        Path linkedSource = Files.createSymbolicLink(dir.resolve("www-link"), source);
        PirsyncdConfig ok = ConfigLoader.load(Optional.empty(), ConfigOverrides.none()
                .with("source", "--source", linkedSource.toString())
                .with("targets[].destination", "--destination", dir.resolve("mirror").toString()));
        assertEquals(source.toRealPath(), ok.source());

        assertEquals(List.of("--destination: \"" + source + "/sub\" lies inside the source; choose a folder outside it"),
                assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), ConfigOverrides.none()
                        .with("source", "--source", linkedSource.toString())
                        .with("targets[].destination", "--destination", source + "/sub"))).errors());
    }

    @Test
    void dotDotIsResolvedBeforeComparing() {
        assertEquals(List.of("--destination: \"" + dir + "/srv/x/../www\" is the source itself; choose a folder outside it"),
                errors(dir + "/srv/x/../www"));
        assertEquals(List.of("--destination: \"" + dir + "/srv\" contains the source, so mirroring would delete the rest of it;"
                        + " choose a folder outside the source"),
                errors(dir + "/srv"));
    }

    @Test
    void aSiblingFolderIsFineEvenIfItDoesNotExistYet() throws Exception {
        PirsyncdConfig config = load(dir + "/srv/www-mirror/deep/");

        assertEquals(new Destination.Local(dir.toRealPath().resolve("srv/www-mirror/deep")), config.targets().getFirst().destination());
    }
}
