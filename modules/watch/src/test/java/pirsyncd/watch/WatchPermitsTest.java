package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pirsyncd.watch.ParallelLister.Limit;

/** The permits that keep the listers of a parallel walk inside its budget and maxWatches. */
class WatchPermitsTest {
    private static int granted(WatchPermits permits, int tries) {
        int granted = 0;
        for (int i = 0; i < tries; i++) {
            if (permits.take() == null) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void theTighterLimitRefusesAndSaysWhichItIs() {
        WatchPermits byBudget = new WatchPermits(2, 5, false);
        assertEquals(2, granted(byBudget, 2));
        assertEquals(Limit.BUDGET, byBudget.take());
        WatchPermits byCap = new WatchPermits(5, 2, false);
        assertEquals(2, granted(byCap, 2));
        assertEquals(Limit.MAX_WATCHES, byCap.take());
        assertEquals(Limit.MAX_WATCHES, byCap.take(), "a refusal by the cap does not spend the budget");
        byCap.freedUnderCap(1);
        assertNull(byCap.take(), "the budget still had 3");
    }

    @Test
    void aPermitGivenBackAfterRefusalsIsOneMoreWatchExactly() {
        WatchPermits permits = new WatchPermits(1, Long.MAX_VALUE, false);
        assertNull(permits.take());
        for (int i = 0; i < 5; i++) {
            assertEquals(Limit.BUDGET, permits.take()); // refusals do not dig a hole below zero
        }
        permits.giveBack(); // the one taken: its directory vanished
        assertNull(permits.take());
        assertEquals(Limit.BUDGET, permits.take());
    }

    @Test
    void watchesFreedMakeRoomUnderMaxWatchesOnlyNotInTheBudget() {
        WatchPermits capped = new WatchPermits(10, 1, false);
        assertNull(capped.take());
        assertEquals(Limit.MAX_WATCHES, capped.take());
        capped.freedUnderCap(3);
        assertEquals(3, granted(capped, 5));
        WatchPermits uncapped = new WatchPermits(1, Long.MAX_VALUE, false);
        assertNull(uncapped.take());
        uncapped.freedUnderCap(3);
        assertEquals(Limit.BUDGET, uncapped.take(), "the budget counts what the walk added: it stays spent");
    }

    @Test
    void afterTheKernelRefusedNothingIsTried() {
        WatchPermits permits = new WatchPermits(100, Long.MAX_VALUE, false);
        permits.kernelRefused();
        assertEquals(Limit.KERNEL, permits.take());
        assertEquals(Limit.KERNEL, new WatchPermits(100, 100, true).take());
    }

    @Test
    void negativeRoomIsNone() {
        assertEquals(Limit.MAX_WATCHES, new WatchPermits(5, -3, false).take(), "the tree holds more than maxWatches");
        assertEquals(Limit.BUDGET, new WatchPermits(-1, 5, false).take());
    }

    @Test
    @Timeout(60)
    void threadsTogetherNeverTakeMoreThanThereAre() throws InterruptedException {
        WatchPermits permits = new WatchPermits(10_000, 7_000, false);
        AtomicInteger granted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    if (permits.take() == null) {
                        granted.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(7_000, granted.get());
    }
}
