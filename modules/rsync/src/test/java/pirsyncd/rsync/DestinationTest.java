package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DestinationTest {
    @Test
    void localPathsStayLocalEvenWithAColonAfterASlash() {
        assertEquals(new Destination.Local(Path.of("/srv/mirror")), Destination.parse("/srv/mirror"));
        assertEquals(new Destination.Local(Path.of("./a:b")), Destination.parse("./a:b"));
        assertEquals(new Destination.Local(Path.of("rel/dir")), Destination.parse("rel/dir"));
    }

    @Test
    void sshDestinationsSplitUserHostAndPath() {
        assertEquals(new Destination.Ssh(Optional.of("backup"), "nas", "/srv/m"), Destination.parse("backup@nas:/srv/m"));
        assertEquals(new Destination.Ssh(Optional.empty(), "nas", "rel"), Destination.parse("nas:rel"));
        assertEquals(new Destination.Ssh(Optional.of("u"), "::1", "/p"), Destination.parse("u@[::1]:/p"));
        assertEquals("u@[::1]:/p", Destination.parse("u@[::1]:/p").display());
        assertEquals("a:b:c", Destination.parse("a:b:c").display());
    }

    @Test
    void rsyncDaemonDestinationsInBothSpellings() {
        Destination.RsyncDaemon url = new Destination.RsyncDaemon(Optional.of("m"), "nas", OptionalInt.of(8730), "data",
                "www/site");
        assertEquals(url, Destination.parse("rsync://m@nas:8730/data/www/site/"));
        assertEquals("rsync://m@nas:8730/data/www/site", url.display());
        assertEquals(new Destination.RsyncDaemon(Optional.empty(), "nas", OptionalInt.empty(), "data", ""),
                Destination.parse("nas::data"));
        assertEquals(new Destination.RsyncDaemon(Optional.of("m"), "nas", OptionalInt.empty(), "data", "x"),
                Destination.parse("m@nas::data/x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                     | destination is empty",
        "nas:                   | has no path",
        "rsync://nas            | has no module",
        "rsync://nas/           | no module name",
        "nas::                  | no module name",
        "rsync://nas:99999/data | not a number from 1 to 65535",
        "rsync://nas:x/data     | not a number from 1 to 65535",
        "@nas:/p                | empty user or host",
        "-oProxyCommand=x:/p    | cannot start with '-'",
    })
    void badDestinationsSayWhatIsWrongAndHowToWriteIt(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Destination.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("rsync://[user@]host[:port]/module/path"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
