package pirsyncd.watch;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The watches the listing threads of one parallel walk may still add, shared by them: a lister
 * takes a permit before each {@code inotify_add_watch}. Two counts, because a walk has two
 * limits that move differently: its budget (what the budget check found available; a watch this
 * walk added stays spent even if its directory vanishes later) and the maxWatches setting (the
 * tree's watches: one that vanishes makes room again). After the kernel refuses one (ENOSPC) none
 * is tried. Counts never go below zero, so a permit given back is one more watch, exactly.
 */
final class WatchPermits {
    private final AtomicLong budget;
    private final AtomicLong cap;
    private final boolean capped;
    private final AtomicBoolean kernelRefused;

    /**
     * @param budgetLeft watches the walk's budget still allows
     * @param capLeft watches maxWatches still allows; {@link Long#MAX_VALUE} when it is not set
     * @param kernelRefused whether the kernel already refused a watch of this walk
     */
    WatchPermits(long budgetLeft, long capLeft, boolean kernelRefused) {
        this.budget = new AtomicLong(Math.max(0, budgetLeft));
        this.cap = new AtomicLong(Math.max(0, capLeft));
        this.capped = capLeft != Long.MAX_VALUE;
        this.kernelRefused = new AtomicBoolean(kernelRefused);
    }

    /** Takes a permit of each kind; null if a watch may be added, else the limit that refuses it. */
    ParallelLister.Limit take() {
        if (kernelRefused.get()) {
            return ParallelLister.Limit.KERNEL;
        }
        if (!takeOne(budget)) {
            return ParallelLister.Limit.BUDGET;
        }
        if (capped && !takeOne(cap)) {
            budget.incrementAndGet();
            return ParallelLister.Limit.MAX_WATCHES;
        }
        return null;
    }

    /** A permit taken and not used: the directory vanished, or its path is too long to watch. */
    void giveBack() {
        budget.incrementAndGet();
        if (capped) {
            cap.incrementAndGet();
        }
    }

    /** The kernel refused a watch (ENOSPC): no lister tries another. */
    void kernelRefused() {
        kernelRefused.set(true);
    }

    /** Watches of the tree removed (their directories vanished): room under maxWatches again. */
    void freedUnderCap(int watches) {
        if (capped) {
            cap.addAndGet(watches);
        }
    }

    private static boolean takeOne(AtomicLong permits) {
        return permits.getAndUpdate(left -> left > 0 ? left - 1 : left) > 0;
    }
}
