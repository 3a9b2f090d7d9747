package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RsyncVersionTest {
    @Test
    void versionLinesOfOldAndNewRsyncAreRead() {
        assertEquals(Optional.of(new RsyncVersion(3, 5, 0, 32)),
                RsyncVersion.parse("rsync  version 3.5.0  protocol version 32\nCopyright"));
        assertEquals(Optional.of(new RsyncVersion(3, 2, 7, 31)),
                RsyncVersion.parse("rsync  version v3.2.7  protocol version 31\n"));
        assertEquals(Optional.of(new RsyncVersion(3, 0, 9, 30)),
                RsyncVersion.parse("rsync  version 3.0.9  protocol version 30\n"));
        assertEquals(Optional.empty(), RsyncVersion.parse("openrsync: protocol version 29"));
    }

    @Test
    void deleteMissingArgsNeedsThreePointOne() {
        assertTrue(new RsyncVersion(3, 1, 0, 31).hasDeleteMissingArgs());
        assertFalse(new RsyncVersion(3, 0, 9, 30).hasDeleteMissingArgs());
    }
}
