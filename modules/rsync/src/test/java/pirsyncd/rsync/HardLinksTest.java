package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HardLinksTest {
    @Test
    void dashHIsSeenAloneInAClusterAndSpelledOutAndTheLastSayWins() {
        assertEquals(true, HardLinks.kept(List.of("-H")));
        assertEquals(true, HardLinks.kept(List.of("-aHv")));
        assertEquals(true, HardLinks.kept(List.of("--hard-links")));
        assertEquals(false, HardLinks.kept(List.of("-H", "--no-hard-links")));
        assertEquals(false, HardLinks.kept(List.of("-H", "--no-H")));
        assertEquals(false, HardLinks.kept(List.of("--exclude=*.H", "-v", "--human-readable")));
        assertEquals(false, HardLinks.kept(List.of()));
    }
}
