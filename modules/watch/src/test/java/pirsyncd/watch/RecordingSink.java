package pirsyncd.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import pirsyncd.model.Change;
import pirsyncd.model.ChangeSink;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;

/** Collects what a watcher delivers and lets a test wait, bounded, for what it expects. */
final class RecordingSink implements ChangeSink {
    private final List<List<Change>> batches = new ArrayList<>();

    @Override
    public synchronized void accept(List<Change> changes) {
        batches.add(changes);
        notifyAll();
    }

    synchronized List<Change> changes() {
        List<Change> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    synchronized List<List<Change>> batches() {
        return List.copyOf(batches);
    }

    /** Waits until some change satisfies {@code wanted}; fails with what was seen after the timeout. */
    Change await(Predicate<Change> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Change change : changes()) {
                    if (wanted.test(change)) {
                        return change;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not seen within " + timeout + "; got " + changes());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    Change await(Change expected) throws InterruptedException {
        return await(expected::equals, Watching.TIMEOUT);
    }

    /** True if a Created(DIRECTORY) of the path or an ancestor, or a change naming the path itself, was seen. */
    synchronized boolean covers(RelativePath path) {
        for (Change change : changes()) {
            if (change.path().equals(path)) {
                return true;
            }
            if (change instanceof Change.Created c && c.kind() == EntryKind.DIRECTORY && path.isWithin(c.path())) {
                return true;
            }
        }
        return false;
    }

    /** Waits until {@link #covers} holds for every path. */
    void awaitCovered(List<RelativePath> paths) throws InterruptedException {
        long deadline = System.nanoTime() + Watching.TIMEOUT.toNanos();
        synchronized (this) {
            while (true) {
                List<RelativePath> missing = paths.stream().filter(p -> !covers(p)).toList();
                if (missing.isEmpty()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(missing.size() + " paths not covered, e.g. " + missing.getFirst()
                            + "; got " + changes());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
