package pirsyncd.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import pirsyncd.model.Batch;
import pirsyncd.model.Change;
import pirsyncd.model.TransferResult;

/**
 * One destination's pending set, timers and counters: the single owner of that state. The watch
 * tree's reader thread hands changes in ({@link #offer}, which only coalesces and signals, so it
 * never waits for a transfer); the destination's worker thread takes batches out and reports
 * results; {@code status} reads a snapshot. All of it under one lock, held only for in-memory work.
 */
final class TargetQueue {
    private final TargetSpec spec;
    private final ScheduleSettings settings;
    private final InstantSource clock;
    private final DoubleSupplier jitter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // everything below is guarded by lock
    private final PendingSet pending;
    private final WritesInProgress writes;
    // the batch being run, as the coalescing rules see it; NONE between runs
    private InFlight inFlight = InFlight.NONE;
    private Instant firstChangeAt = Instant.EPOCH;
    private Instant lastChangeAt = Instant.EPOCH;
    private boolean urgent;
    private Optional<Instant> retryAt = Optional.empty();
    // the last run stopped itself to protect the destination (max-delete): only a resync resumes
    private boolean held;
    private boolean flushing;
    private boolean stopped;
    private Optional<Instant> lastSuccess = Optional.empty();
    private Optional<TargetStatus.LastError> lastError = Optional.empty();
    private long runs;
    private long failures;
    private int consecutiveFailures;
    private long filesSent;
    private long bytesSent;

    TargetQueue(TargetSpec spec, ScheduleSettings settings, InstantSource clock, DoubleSupplier jitter) {
        this.spec = spec;
        this.settings = settings;
        this.clock = clock;
        this.jitter = jitter;
        this.pending = new PendingSet(settings.maxPending());
        this.writes = new WritesInProgress(settings.maxPending());
    }

    TargetSpec spec() {
        return spec;
    }

    /** Coalesces one read's worth of changes; called on the watch tree's reader thread. */
    void offer(List<Change> changes) {
        Instant now = clock.instant();
        lock.lock();
        try {
            boolean wasEmpty = pending.isEmpty();
            for (Change change : changes) {
                pending.add(change, inFlight);
                writes.note(change, now);
            }
            noteArrival(wasEmpty, now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Owes a full sync; {@code now} runs it without waiting for the delay (start, resync). This is a
     * person's (or the start's) request, so it also ends a hold after max-delete: the full sync runs
     * under the same limit and holds again if the source still lacks that much.
     */
    void requestFull(String reason, boolean now) {
        Instant at = clock.instant();
        lock.lock();
        try {
            boolean wasEmpty = pending.isEmpty();
            pending.requireFull(reason);
            held = false;
            urgent |= now;
            noteArrival(wasEmpty, at);
        } finally {
            lock.unlock();
        }
    }

    private void noteArrival(boolean wasEmpty, Instant now) {
        if (pending.isEmpty()) {
            writes.clear(); // e.g. a new file written and deleted again: nothing to wait for
            return;
        }
        if (wasEmpty) {
            firstChangeAt = now;
        }
        lastChangeAt = now;
        changed.signalAll();
    }

    /**
     * Waits until a run is due and hands its batch over, marking the destination as syncing; empty
     * when the worker should end (stopped, or flushing and nothing left it can flush).
     */
    Optional<Batch> awaitBatch() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                Instant now = clock.instant();
                Optional<Instant> due = dueAtLocked();
                if (due.isEmpty()) {
                    if (flushing) {
                        return Optional.empty();
                    }
                    changed.await();
                } else if (!due.get().isAfter(now)) {
                    return takeLocked();
                } else {
                    changed.awaitNanos(Duration.between(now, due.get()).toNanos());
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * When the next run is due (run at once if that is not after now); empty if nothing is pending,
     * a run is in progress, the destination is held after max-delete, or the queue is stopped.
     * With {@link #takeIfDue} and {@link #complete}, the queue's whole life can be driven on an
     * injected clock without a thread.
     */
    Optional<Instant> dueAt() {
        lock.lock();
        try {
            return dueAtLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Hands the batch over and marks the destination as syncing if a run is due now; never waits. */
    Optional<Batch> takeIfDue() {
        Instant now = clock.instant();
        lock.lock();
        try {
            Optional<Instant> due = dueAtLocked();
            return due.isPresent() && !due.get().isAfter(now) ? takeLocked() : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private Optional<Instant> dueAtLocked() {
        return inFlight.running() || stopped ? Optional.empty() : RunTiming.due(timingInputs(), settings);
    }

    private Optional<Batch> takeLocked() {
        urgent = false;
        writes.clear();
        Optional<Batch> batch = pending.take();
        // while a run is in flight it may be sending any place it names, so nothing is known absent
        inFlight = batch.map(InFlight::of).orElse(InFlight.NONE);
        return batch;
    }

    private RunTiming.Inputs timingInputs() {
        return new RunTiming.Inputs(pending.size(), firstChangeAt, lastChangeAt, urgent || flushing, retryAt, held,
                writes.any() ? Optional.of(writes.lastOpenWriteAt()) : Optional.empty());
    }

    /** Records a finished run; a failed batch goes back under the changes that arrived since. */
    void complete(Batch batch, TransferResult result) {
        Instant now = clock.instant();
        lock.lock();
        try {
            inFlight = InFlight.NONE;
            runs++;
            filesSent += result.filesSent();
            bytesSent += result.bytesSent();
            switch (result.outcome()) {
                case OK -> {
                    lastSuccess = Optional.of(now);
                    consecutiveFailures = 0;
                    retryAt = Optional.empty();
                }
                case RETRY, FATAL -> {
                    failures++;
                    consecutiveFailures++;
                    lastError = Optional.of(new TargetStatus.LastError(now, result.outcome(), result.exitCode(),
                            result.meaning()));
                    held = result.holdUntilResync();
                    retryAt = held ? Optional.empty() : Optional.of(now.plus(
                            Backoff.after(consecutiveFailures, result.outcome(), settings, jitter)));
                    putBack(batch, now, result.renamesRetryable());
                    if (flushing) {
                        stopped = true; // a final flush tries once; the daemon is going away
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A run cancelled because the scheduler is stopping: its batch stays pending, uncounted. */
    void abandon(Batch batch) {
        Instant now = clock.instant();
        lock.lock();
        try {
            inFlight = InFlight.NONE;
            putBack(batch, now, false);
        } finally {
            lock.unlock();
        }
    }

    private void putBack(Batch batch, Instant now, boolean renamesRetryable) {
        boolean wasEmpty = pending.isEmpty();
        pending.absorbFailed(batch, renamesRetryable);
        noteArrival(wasEmpty, now);
    }

    /** From now on runs whatever is pending at once, ignoring delays and backoff, and then ends. */
    void beginFlush() {
        lock.lock();
        try {
            flushing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Makes the worker end at its next look at the queue. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True if nothing is pending or in flight. */
    boolean drained() {
        lock.lock();
        try {
            return !inFlight.running() && pending.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** How many places are pending. */
    int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    TargetStatus snapshot() {
        lock.lock();
        try {
            Optional<Instant> nextRun = dueAtLocked();
            return new TargetStatus(spec.name(), spec.destinationDisplay(), state(), pending.size(),
                    pending.fullPending(), nextRun, lastSuccess, lastError, runs, failures, consecutiveFailures,
                    filesSent, bytesSent);
        } finally {
            lock.unlock();
        }
    }

    private TargetState state() {
        if (inFlight.running()) {
            return TargetState.SYNCING;
        }
        if (held) {
            return TargetState.FAILED;
        }
        if (consecutiveFailures > 0) {
            boolean fatal = lastError.map(e -> e.outcome() == TransferResult.Outcome.FATAL).orElse(false);
            return fatal || consecutiveFailures >= TargetStatus.FAILED_AFTER ? TargetState.FAILED : TargetState.RETRYING;
        }
        return pending.isEmpty() ? TargetState.IDLE : TargetState.WAITING;
    }
}
