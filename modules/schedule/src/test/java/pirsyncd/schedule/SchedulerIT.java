package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.model.Batch;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;
import pirsyncd.model.Transfer;
import pirsyncd.model.TransferResult;

/**
 * The scheduler end to end with the real rsync binary: the test plays the watch tree (it changes
 * real files and reports them), {@link LocalRsyncTransfer} runs rsync into real directories, and
 * every wait is on a run being reported, with a bounded timeout.
 */
class SchedulerIT {
    /** Generous: two cores shared by several builds. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private record Run(Batch batch, TransferResult result, Instant started) {}

    /** Reports every run to the test as it ends. */
    private static final class Recording implements Transfer {
        private final Transfer inner;
        private final BlockingQueue<Run> runs = new LinkedBlockingQueue<>();

        Recording(Transfer inner) {
            this.inner = inner;
        }

        @Override
        public TransferResult run(Batch batch) throws InterruptedException {
            Instant started = Instant.now();
            TransferResult result = inner.run(batch);
            runs.add(new Run(batch, result, started));
            return result;
        }

        Run next() throws InterruptedException {
            Run run = runs.poll(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(run, "no run within " + RUN_TIMEOUT);
            return run;
        }

        Run nextMatching(Predicate<Run> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (true) {
                Run run = runs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertNotNull(run, "no matching run within " + RUN_TIMEOUT);
                if (wanted.test(run)) {
                    return run;
                }
            }
        }
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    private static Change write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        boolean existed = Files.exists(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        RelativePath path = RelativePath.of(relative);
        return existed ? new Change.Modified(path, EntryKind.FILE) : new Change.Created(path, EntryKind.FILE);
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        if (!Files.exists(root)) {
            return all;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                try {
                    all.put(root.relativize(p).toString(), Files.isDirectory(p) ? "<dir>"
                            : new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return all;
    }

    private static TargetStatus awaitStatus(Scheduler scheduler, int index, Predicate<TargetStatus> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        TargetStatus status = scheduler.status().get(index);
        // the worker records a run's end just after the transfer reports it: a short, bounded poll
        while (!wanted.test(status) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
            status = scheduler.status().get(index);
        }
        assertTrue(wanted.test(status), "status never matched: " + status);
        return status;
    }

    private static ScheduleSettings fast() {
        return ScheduleSettings.defaults()
                .withDelay(Duration.ofMillis(200))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    @Test
    @Timeout(120)
    void theInitialFullSyncCopiesWhatIsThereThenABurstGoesInOneRun() throws Exception {
        Path source = dir("src");
        Path destination = tmp.resolve("dst");
        write(source, "before/start.txt", "present before the daemon");
        Recording target = new Recording(new LocalRsyncTransfer(source, destination));
        try (Scheduler scheduler = new Scheduler(List.of(new TargetSpec("local", destination.toString(), target)),
                fast())) {
            scheduler.start();
            Run initial = target.next();
            assertEquals(new Batch.Full("initial sync"), initial.batch());
            assertEquals(TransferResult.Outcome.OK, initial.result().outcome());
            assertEquals(contents(source), contents(destination));

            for (int i = 0; i < 200; i++) {
                // one accept per file, the way the watch tree reports a busy directory
                scheduler.accept(List.of(write(source, "burst/f" + i, "content " + i)));
            }
            Run burst = target.next();
            Batch.Incremental batch = assertInstanceOf(Batch.Incremental.class, burst.batch());
            assertEquals(200, batch.paths().size(), "one place per file, in one run");
            assertEquals(200, burst.result().filesSent());
            assertEquals(contents(source), contents(destination));
            TargetStatus status = awaitStatus(scheduler, 0, s -> s.state() == TargetState.IDLE);
            assertEquals(2, status.runs());
            assertEquals(0, status.pending());
            assertTrue(status.lastSuccess().isPresent());
            assertTrue(status.bytesSent() > 0);
        }
    }

    @Test
    @Timeout(120)
    void aStreamThatNeverPausesIsSyncedWithinMaxDelay() throws Exception {
        Path source = dir("src");
        Path destination = tmp.resolve("dst");
        Recording target = new Recording(new LocalRsyncTransfer(source, destination));
        ScheduleSettings settings = fast().withInitialSync(false).withMaxDelay(Duration.ofSeconds(1));
        try (Scheduler scheduler = new Scheduler(List.of(new TargetSpec("local", "dst", target)), settings)) {
            scheduler.start();
            Instant firstChange = Instant.now();
            Instant streamEnds = firstChange.plusSeconds(4);
            int written = 0;
            // a change every 50 ms, always inside the 200 ms debounce: only maxDelay can start a run
            while (Instant.now().isBefore(streamEnds)) {
                scheduler.accept(List.of(write(source, "stream/f" + (written % 20), "version " + written)));
                written++;
                TimeUnit.MILLISECONDS.sleep(50); // pacing the producer, not synchronising with it
            }
            Run first = target.next();
            Duration latency = Duration.between(firstChange, first.started());
            assertTrue(latency.compareTo(Duration.ofMillis(1000 + 1500)) < 0,
                    "first run " + latency.toMillis() + " ms after the first change; maxDelay is 1000 ms");
            assertTrue(first.started().isBefore(streamEnds), "ran while the stream was still going");
            target.nextMatching(run -> !run.started().isBefore(streamEnds) || contentsEqual(source, destination));
            awaitStatus(scheduler, 0, s -> s.state() == TargetState.IDLE);
            assertEquals(contents(source), contents(destination));
        }
    }

    private static boolean contentsEqual(Path a, Path b) {
        try {
            return contents(a).equals(contents(b));
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Timeout(120)
    void aDestinationThatFailsKeepsItsChangesAndConvergesWhenItIsBack() throws Exception {
        Path source = dir("src");
        // a real rsync failure: the destination's parent directory does not exist yet
        Path missingParent = tmp.resolve("not-mounted-yet");
        Path destination = missingParent.resolve("dst");
        Recording target = new Recording(new LocalRsyncTransfer(source, destination));
        try (Scheduler scheduler = new Scheduler(List.of(new TargetSpec("flaky", destination.toString(), target)),
                fast().withInitialSync(false))) {
            scheduler.start();
            scheduler.accept(List.of(write(source, "a.txt", "first")));
            for (int failure = 1; failure <= 3; failure++) {
                Run run = target.next();
                assertEquals(TransferResult.Outcome.RETRY, run.result().outcome());
                // more changes while the destination is down
                scheduler.accept(List.of(write(source, "during-" + failure + ".txt", "x" + failure)));
            }
            TargetStatus down = awaitStatus(scheduler, 0, s -> s.consecutiveFailures() >= 3);
            assertTrue(down.state() == TargetState.RETRYING || down.state() == TargetState.SYNCING, down.toString());
            TargetStatus.LastError error = down.lastError().orElseThrow();
            assertNotEquals(0, error.exitCode(), "rsync's own exit code is kept");
            assertTrue(error.meaning().contains("rsync exit"), error.meaning());

            Files.createDirectories(missingParent);
            target.nextMatching(run -> run.result().outcome() == TransferResult.Outcome.OK);
            TargetStatus up = awaitStatus(scheduler, 0, s -> s.state() == TargetState.IDLE);
            assertEquals(contents(source), contents(destination));
            assertEquals(0, up.consecutiveFailures());
            assertTrue(up.failures() >= 3);
            assertTrue(up.lastError().isPresent(), "the last error stays visible after recovery");
        }
    }

    @Test
    @Timeout(120)
    void aDeadDestinationDoesNotDelayALiveOne() throws Exception {
        Path source = dir("src");
        Path live = tmp.resolve("live");
        Recording liveTarget = new Recording(new LocalRsyncTransfer(source, live));
        Recording failingTarget = new Recording(new LocalRsyncTransfer(source, tmp.resolve("gone/dst")));
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch hangStarted = new CountDownLatch(1);
        // a transfer that never returns, like an ssh to a host that dropped off the network
        Transfer hanging = batch -> {
            hangStarted.countDown();
            never.await();
            throw new AssertionError("unreachable");
        };
        List<TargetSpec> targets = List.of(new TargetSpec("live", "live", liveTarget),
                new TargetSpec("failing", "gone/dst", failingTarget),
                new TargetSpec("hanging", "unreachable", hanging));
        try (Scheduler scheduler = new Scheduler(targets, fast().withInitialSync(false))) {
            scheduler.start();
            for (int round = 0; round < 3; round++) {
                long beforeAccept = System.nanoTime();
                Instant changed = Instant.now();
                scheduler.accept(List.of(write(source, "round" + round + ".txt", "round " + round)));
                Duration acceptTook = Duration.ofNanos(System.nanoTime() - beforeAccept);
                assertTrue(acceptTook.compareTo(Duration.ofMillis(500)) < 0, "accept waited " + acceptTook);
                Run run = liveTarget.next();
                assertEquals(TransferResult.Outcome.OK, run.result().outcome());
                Duration latency = Duration.between(changed, run.started());
                assertTrue(latency.compareTo(Duration.ofMillis(200 + 2000)) < 0,
                        "live destination ran " + latency.toMillis() + " ms after the change (delay 200 ms)");
                assertEquals(contents(source), contents(live));
                assertTrue(hangStarted.await(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            assertEquals(TransferResult.Outcome.RETRY, failingTarget.next().result().outcome());
            awaitStatus(scheduler, 0, s -> s.runs() == 3 && s.state() == TargetState.IDLE);
            List<TargetStatus> status = scheduler.status();
            assertEquals(TargetState.SYNCING, status.get(2).state(), "the hanging transfer is still running");
            assertTrue(status.get(1).failures() > 0);
        }
    }

    @Test
    @Timeout(120)
    void flushAndCloseRunsWhatIsPendingAtOnceAndResyncRunsAFullSync() throws Exception {
        Path source = dir("src");
        Path destination = tmp.resolve("dst");
        Recording target = new Recording(new LocalRsyncTransfer(source, destination));
        ScheduleSettings slow = ScheduleSettings.defaults().withDelay(Duration.ofHours(1)).withInitialSync(false);
        Scheduler scheduler = new Scheduler(List.of(new TargetSpec("local", "dst", target)), slow);
        try {
            scheduler.start();
            scheduler.resyncAll("resync command");
            assertEquals(new Batch.Full("resync command"), target.next().batch(), "a resync does not wait for the delay");
            scheduler.accept(List.of(write(source, "late.txt", "written just before stopping")));
            TargetStatus waiting = awaitStatus(scheduler, 0, s -> s.state() == TargetState.WAITING);
            assertEquals(1, scheduler.totalPending());
            assertTrue(waiting.nextRun().orElseThrow().isAfter(Instant.now().plusSeconds(3000)));
            assertTrue(scheduler.flushAndClose(RUN_TIMEOUT), "everything flushed");
            assertEquals(contents(source), contents(destination));
            assertEquals(0, scheduler.totalPending());
        } finally {
            scheduler.close();
        }
    }
}
