package pirsyncd.schedule;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;
import org.tinylog.TaggedLogger;
import pirsyncd.model.Change;
import pirsyncd.model.ChangeSink;

/**
 * Keeps every destination in step with the source: takes the watch tree's changes, coalesces
 * them per destination, and runs each destination's {@link pirsyncd.model.Transfer} on its own
 * thread when due, retrying failures, so that no change is lost and a slow destination never
 * delays another or the watch tree.
 *
 * <p>Lifecycle: construct; let the watch tree start delivering changes (they are kept); call
 * {@link #start()} once the watches are in place; call {@link #flushAndClose} for a graceful stop
 * after the watch tree has stopped, or {@link #close()} to stop at once. All methods are
 * thread-safe; {@link #accept} never waits for a transfer.
 */
public final class Scheduler implements ChangeSink, AutoCloseable {
    private static final TaggedLogger LOG = org.tinylog.Logger.tag("schedule");
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ScheduleSettings settings;
    private final List<TargetQueue> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Object lifecycle = new Object();
    private boolean started; // guarded by lifecycle
    private boolean closed; // guarded by lifecycle

    /** A scheduler on a monotonic clock with random jitter. */
    public Scheduler(List<TargetSpec> targets, ScheduleSettings settings) {
        this(targets, settings, new MonotonicClock(), new SplittableRandom());
    }

    /**
     * @param clock the time the timers follow (tests may pass a fixed or offset one)
     * @param jitter the randomness spread over retry waits; used under a lock, need not be thread-safe
     * @throws IllegalArgumentException if two targets share a name or there is none
     */
    public Scheduler(List<TargetSpec> targets, ScheduleSettings settings, InstantSource clock,
            RandomGenerator jitter) {
        this.settings = settings;
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets: none given; add at least one destination");
        }
        Set<String> names = new HashSet<>();
        Object jitterLock = new Object();
        DoubleSupplier unitRandom = () -> {
            synchronized (jitterLock) {
                return jitter.nextDouble();
            }
        };
        for (TargetSpec target : targets) {
            if (!names.add(target.name())) {
                throw new IllegalArgumentException("targets: the name \"" + target.name()
                        + "\" is used twice; give each target its own name");
            }
            queues.add(new TargetQueue(target, settings, clock, unitRandom));
        }
    }

    /**
     * Starts one worker per destination and, if {@code initialSync} is on, queues a full sync for
     * each to run at once. Call it only after the watches are in place, so that no change between
     * the full sync's scan and the first event can be missed.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("the scheduler was already " + (closed ? "closed" : "started"));
            }
            if (settings.initialSync()) {
                queues.forEach(queue -> queue.requestFull("initial sync", true));
            }
            startWorkers();
        }
    }

    private void startWorkers() {
        started = true;
        for (TargetQueue queue : queues) {
            Thread worker = Thread.ofPlatform()
                    .name("schedule-" + queue.spec().name())
                    .daemon(true)
                    .uncaughtExceptionHandler((thread, e) -> LOG.error(e, "{}: worker thread died", thread.getName()))
                    .unstarted(new TargetWorker(queue));
            workers.add(worker);
            worker.start();
        }
        LOG.info("scheduling {} destination(s), delay {}, maxDelay {}", queues.size(),
                ScheduleSettings.seconds(settings.delay()), ScheduleSettings.seconds(settings.maxDelay()));
    }

    /** Coalesces the changes into every destination's pending set; never waits for a transfer. */
    @Override
    public void accept(List<Change> changes) {
        for (TargetQueue queue : queues) {
            queue.offer(changes);
        }
    }

    /** A full sync for every destination, now (the {@code resync} command, or a lost watch). */
    public void resyncAll(String reason) {
        LOG.info("full sync of every destination requested: {}", reason);
        queues.forEach(queue -> queue.requestFull(reason, true));
    }

    /** A consistent snapshot per destination, in the order the targets were given. */
    public List<TargetStatus> status() {
        return queues.stream().map(TargetQueue::snapshot).toList();
    }

    /** For tests: the queue of the {@code index}-th target, to drive it on the injected clock without workers. */
    TargetQueue queue(int index) {
        return queues.get(index);
    }

    /** Pending places over all destinations. */
    public long totalPending() {
        return queues.stream().mapToLong(TargetQueue::pendingCount).sum();
    }

    /**
     * Runs whatever is pending now for every destination, without waiting for delays or backoff
     * (one attempt each), and stops. Stop the watch tree first: changes that keep arriving keep
     * being flushed until the timeout. Workers still busy at the timeout are interrupted, which
     * cancels their transfers.
     *
     * @return true if every destination ended with nothing pending
     */
    public boolean flushAndClose(Duration timeout) {
        synchronized (lifecycle) {
            if (closed) {
                return queues.stream().allMatch(TargetQueue::drained);
            }
            if (!started) {
                startWorkers(); // pending changes accepted before start() still deserve their run
            }
            closed = true;
        }
        queues.forEach(TargetQueue::beginFlush);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean ended = joinAll(deadline);
        if (!ended) {
            LOG.warn("final sync not finished within {}; cancelling", ScheduleSettings.seconds(timeout));
            stopWorkers();
        }
        boolean flushed = queues.stream().allMatch(TargetQueue::drained);
        if (!flushed) {
            LOG.warn("stopping with {} change(s) not synced", totalPending());
        }
        return flushed;
    }

    /** Stops at once: running transfers are cancelled and pending changes are dropped with the scheduler. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopWorkers();
    }

    private void stopWorkers() {
        queues.forEach(TargetQueue::stop);
        workers.forEach(Thread::interrupt);
        joinAll(System.nanoTime() + STOP_GRACE.toNanos());
    }

    private boolean joinAll(long deadlineNanos) {
        try {
            for (Thread worker : workers) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
