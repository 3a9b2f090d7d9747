package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RsyncStatsTest {
    @Test
    void countersAreReadFromTheStatsBlock() {
        RsyncStats stats = RsyncStats.parse(List.of("Number of files: 3 (reg: 2, dir: 1)",
                "Number of deleted files: 2 (reg: 1, dir: 1)", "Number of regular files transferred: 1,234", "Total file size: 9 bytes",
                "Total bytes sent: 10,815,945", "Total bytes received: 35"));
        assertEquals(new RsyncStats(1234, 10_815_945, 2), stats);
        assertEquals(new RsyncStats(1235, 10_815_946, 3), stats.plus(new RsyncStats(1, 1, 1)));
    }

    @Test
    void outputWithoutStatsCountsNothing() {
        assertEquals(RsyncStats.NONE, RsyncStats.parse(List.of("rsync: some error")));
    }
}
