package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WatchBudgetTest {

    @Test
    void availableIsTheKernelLimitLessWhatIsInUseCappedByTheSettings() {
        assertEquals(900, new WatchBudget(1000, WatchBudget.GLOBAL_LIMIT, 100, 0).available());
        assertEquals(50, new WatchBudget(1000, WatchBudget.GLOBAL_LIMIT, 100, 50).available());
        assertEquals(0, new WatchBudget(100, WatchBudget.GLOBAL_LIMIT, 200, 0).available());
    }

    @Test
    void theShortfallSaysNeededAvailableAndTheSysctlInOneLine() {
        String line = new WatchBudget(8192, WatchBudget.GLOBAL_LIMIT, 1000, 0).shortfall(Path.of("/srv/data"), 250_000);
        assertEquals("watching /srv/data needs 250000 inotify watches but only 7192 are available"
                + " (fs.inotify.max_user_watches = 8192, 1000 in use by this user);"
                + " raise it: sysctl -w fs.inotify.max_user_watches=524288", line);
    }

    @Test
    void theSuggestedLimitLeavesRoomForBigTrees() {
        String line = new WatchBudget(524_288, WatchBudget.GLOBAL_LIMIT, 0, 0).shortfall(Path.of("/big"), 1_000_000);
        assertTrue(line.endsWith("sysctl -w fs.inotify.max_user_watches=1048576"), line);
    }

    @Test
    void aLowerUserNamespaceLimitIsTheOneToRaise() {
        String line = new WatchBudget(20, WatchBudget.NAMESPACE_LIMIT, 5, 0).shortfall(Path.of("/srv"), 121);
        assertEquals("watching /srv needs 121 inotify watches but only 15 are available"
                + " (user.max_inotify_watches = 20, 5 in use by this user);"
                + " raise it: sysctl -w user.max_inotify_watches=524288", line);
    }

    @Test
    void theLimitAndTheUseAreReadFromProc() {
        assertTrue(WatchBudget.readLimit().value() > 1, "max_user_watches read whole, not its first byte");
        assertTrue(WatchBudget.countWatchesInUse() >= 0);
    }
}
