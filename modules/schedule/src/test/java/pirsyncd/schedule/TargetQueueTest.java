package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import pirsyncd.model.Batch;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;
import pirsyncd.model.TransferResult;
import pirsyncd.model.TransferResult.Outcome;

/**
 * One destination's queue driven by the test on a clock that only moves when told, with fixed
 * jitter: the test plays the worker through {@link TargetQueue#dueAt}, {@link TargetQueue#takeIfDue}
 * and {@link TargetQueue#complete}. No thread, no sleep.
 */
class TargetQueueTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    /** Just under 1: the longest wait equal jitter can draw. */
    private static final double MOST = Math.nextDown(1.0);

    private final MutableClock clock = new MutableClock(T0);
    private double jitter;
    private TargetQueue queue = queue(ScheduleSettings.defaults());

    private TargetQueue queue(ScheduleSettings settings) {
        TargetSpec spec = new TargetSpec("nas", "backup@nas:/srv/mirror", batch -> {
            throw new AssertionError("the test plays the worker");
        });
        return new TargetQueue(spec, settings, clock, () -> jitter);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private void advanceTo(long millis) {
        clock.advance(Duration.between(clock.instant(), at(millis)));
    }

    private void write(String... names) {
        for (String name : names) {
            queue.offer(List.of(new Change.Modified(RelativePath.of(name), EntryKind.FILE)));
        }
    }

    private Batch take() {
        Optional<Batch> batch = queue.takeIfDue();
        assertTrue(batch.isPresent(), () -> "nothing due at " + clock.instant() + "; due at " + queue.dueAt());
        return batch.get();
    }

    private void assertNothingDueNow() {
        assertEquals(Optional.empty(), queue.takeIfDue(), "a run started before it was due");
    }

    private void report(Batch batch, Outcome outcome) {
        queue.complete(batch, new TransferResult(outcome, outcome == Outcome.OK ? 0 : 23, outcome.name(), 0, 0,
                Duration.ZERO));
    }

    private TargetStatus status() {
        return queue.snapshot();
    }

    @Test
    void aNewChangeRestartsTheDebounce() {
        write("a");
        assertEquals(Optional.of(at(1000)), queue.dueAt());
        advanceTo(700);
        write("b");
        assertEquals(Optional.of(at(1700)), queue.dueAt());
        advanceTo(1699);
        assertNothingDueNow();
        advanceTo(1700);
        assertEquals(2, take().size());
        assertEquals(TargetState.SYNCING, status().state());
        assertEquals(Optional.empty(), queue.dueAt(), "one run at a time");
    }

    @Test
    void aStreamThatNeverPausesRunsAtMaxDelay() {
        for (long t = 0; t < 10_000; t += 500) {
            advanceTo(t);
            write("log");
            assertNothingDueNow();
        }
        advanceTo(10_000);
        assertEquals(Optional.of(at(10_000)), queue.dueAt(), "maxDelay counts from the first change");
        take();
    }

    @Test
    void everyEventsRunsAsSoonAsThatManyPlacesArePending() {
        queue = queue(ScheduleSettings.defaults().withEveryEvents(3));
        for (int i = 0; i < 1000; i++) {
            write("same-file");
        }
        write("b");
        assertEquals(Optional.of(at(1000)), queue.dueAt(), "1000 writes to one file are one place, not 1000");
        advanceTo(10);
        write("c");
        assertEquals(Optional.of(at(10)), queue.dueAt());
        assertEquals(3, take().size());
    }

    @Test
    void aFailedRunIsRetriedAfterAnExponentialBackoffWithinItsJitter() {
        write("a");
        advanceTo(1000);
        jitter = 0.0;
        report(take(), Outcome.RETRY);
        assertEquals(Optional.of(at(1500)), queue.dueAt(), "first failure, least jitter: half of 1 s");
        assertEquals(TargetState.RETRYING, status().state());
        write("b");
        assertEquals(Optional.of(at(1500)), queue.dueAt(), "a new change does not bring a retry forward");

        advanceTo(1500);
        jitter = MOST;
        Batch retried = take();
        assertEquals(2, retried.size(), "the failed batch came back with the newer change");
        report(retried, Outcome.RETRY);
        Instant due = queue.dueAt().orElseThrow();
        assertTrue(due.isBefore(at(3500)) && !due.isBefore(at(3499)), "second failure, most jitter: just under 2 s, "
                + due);
    }

    @Test
    void fiveFailuresInARowMakeTheDestinationFailedAndASuccessClearsIt() {
        write("a");
        for (int failure = 1; failure <= TargetStatus.FAILED_AFTER; failure++) {
            clock.advance(Duration.ofMinutes(2));
            report(take(), Outcome.RETRY);
            assertEquals(failure < TargetStatus.FAILED_AFTER ? TargetState.RETRYING : TargetState.FAILED,
                    status().state(), "after failure " + failure);
            assertEquals(failure, status().consecutiveFailures());
        }
        clock.advance(Duration.ofMinutes(2));
        report(take(), Outcome.OK);
        TargetStatus recovered = status();
        assertEquals(TargetState.IDLE, recovered.state());
        assertEquals(0, recovered.consecutiveFailures());
        assertEquals(Optional.empty(), recovered.nextRun());
        assertEquals(Optional.of(clock.instant()), recovered.lastSuccess());
        assertTrue(recovered.lastError().isPresent(), "the last error stays visible after recovery");
        assertEquals(6, recovered.runs());
        assertEquals(5, recovered.failures());

        write("b");
        assertEquals(Optional.of(clock.instant().plusSeconds(1)), queue.dueAt(), "back to the plain delay");
    }

    @Test
    void oneFatalRunMakesTheDestinationFailedAndWaitsTheLongestBackoff() {
        write("a");
        advanceTo(1000);
        jitter = 0.0;
        report(take(), Outcome.FATAL);
        assertEquals(TargetState.FAILED, status().state());
        assertEquals(Optional.of(at(1000 + 30_000)), queue.dueAt(), "half of backoffMax (60 s) at least");
        advanceTo(31_000);
        report(take(), Outcome.OK);
        assertEquals(TargetState.IDLE, status().state());
    }

    @Test
    void aResyncOrAFlushCutsABackoffShort() {
        write("a");
        advanceTo(1000);
        report(take(), Outcome.FATAL);
        advanceTo(2000);
        assertTrue(queue.dueAt().orElseThrow().isAfter(at(30_000)), "a FATAL run backs off long");
        queue.requestFull("resync", true);
        assertDueNow();
        assertEquals(new Batch.Full("resync"), take());
        report(new Batch.Full("resync"), Outcome.RETRY);

        advanceTo(2500);
        assertEquals(Optional.of(at(3000)), queue.dueAt(), "second failure, least jitter: 1 s");
        queue.beginFlush();
        assertDueNow();
        take();
    }

    private void assertDueNow() {
        Instant due = queue.dueAt().orElseThrow();
        assertTrue(!due.isAfter(clock.instant()), () -> "due at " + due + ", not now (" + clock.instant() + ")");
    }

    @Test
    void maxDeleteHoldsTheDestinationUntilAResync() {
        write("a");
        advanceTo(1000);
        Batch stopped = take();
        queue.complete(stopped, new TransferResult(Outcome.FATAL, 25, "trees: max-delete reached: 3 deletions refused",
                0, 0, Duration.ZERO, false, true));
        TargetStatus held = status();
        assertEquals(TargetState.FAILED, held.state());
        assertEquals(Optional.empty(), held.nextRun(), "a held destination has no next run");
        assertEquals(25, held.lastError().orElseThrow().exitCode());

        clock.advance(Duration.ofHours(5));
        write("b", "c");
        assertNothingDueNow();
        assertEquals(3, status().pending(), "changes are still kept and merged while held");
        queue.beginFlush();
        assertNothingDueNow();

        queue.requestFull("resync requested on the control socket", true);
        assertEquals(new Batch.Full("resync requested on the control socket"), take());
    }

    @Test
    void renamesOfARunThatStoppedBeforeThemComeBackAsRenames() {
        queue.offer(List.of(new Change.Moved(RelativePath.of("big"), RelativePath.of("big2"), EntryKind.DIRECTORY)));
        advanceTo(1000);
        Batch failed = take();
        queue.complete(failed, new TransferResult(Outcome.RETRY, 255, "renames: ssh failed", 0, 0, Duration.ZERO,
                true, false));
        advanceTo(60_000);
        Batch.Incremental retry = assertInstanceOf(Batch.Incremental.class, take());
        assertEquals(List.of(new Move(RelativePath.of("big"), RelativePath.of("big2"), EntryKind.DIRECTORY)),
                retry.moves());
    }

    @Test
    void changesDuringARunWaitForTheNextOneAndAreNotClaimedNewWhereTheRunMayWrite() {
        queue.offer(List.of(new Change.Created(RelativePath.of("d"), EntryKind.DIRECTORY)));
        advanceTo(1000);
        Batch first = take();
        assertEquals(new Batch.Incremental(List.of(), new java.util.TreeSet<>(), new java.util.TreeSet<>(java.util.Set.of(RelativePath.of("d")))), first);
        queue.offer(List.of(new Change.Created(RelativePath.of("d/n"), EntryKind.FILE),
                new Change.Deleted(RelativePath.of("d/n"), EntryKind.FILE),
                new Change.Created(RelativePath.of("elsewhere"), EntryKind.FILE),
                new Change.Deleted(RelativePath.of("elsewhere"), EntryKind.FILE)));
        assertEquals(Optional.empty(), queue.dueAt(), "nothing starts while a run is in flight");
        report(first, Outcome.OK);
        // the running rsync, sending the tree d, may have sent d/n: its create and delete must not
        // cancel out; it names nothing at, above or below "elsewhere", which it cannot have sent
        assertEquals(1, status().pending());
        advanceTo(2000);
        assertEquals(Batch.Incremental.ofPaths(java.util.Set.of(RelativePath.of("d/n"))), take());
    }

    @Test
    void theSchedulerRunsOnTheInjectedClockAndRandomness() {
        RandomGenerator leastJitter = () -> 0L;
        ScheduleSettings settings = ScheduleSettings.defaults().withDelay(Duration.ofMillis(200));
        try (Scheduler scheduler = new Scheduler(List.of(new TargetSpec("nas", "nas:/m", batch -> {
            throw new AssertionError("not started");
        })), settings, clock, leastJitter)) {
            scheduler.accept(List.of(new Change.Modified(RelativePath.of("a"), EntryKind.FILE)));
            assertEquals(Optional.of(at(200)), scheduler.status().getFirst().nextRun());
            assertEquals(TargetState.WAITING, scheduler.status().getFirst().state());
            advanceTo(200);
            TargetQueue queue = scheduler.queue(0);
            Batch batch = queue.takeIfDue().orElseThrow();
            queue.complete(batch, new TransferResult(Outcome.RETRY, 30, "timeout", 0, 0, Duration.ZERO));
            assertEquals(Optional.of(at(700)), scheduler.status().getFirst().nextRun(), "1 s step, least jitter");
        }
    }

    // ---- a file still being written (a write reported without its close), at delay 0

    private void writing(String name) {
        queue.offer(List.of(new Change.Modified(RelativePath.of(name), EntryKind.FILE, false)));
    }

    private void closed(String name) {
        queue.offer(List.of(new Change.Modified(RelativePath.of(name), EntryKind.FILE, true)));
    }

    private static ScheduleSettings delayZero() {
        return ScheduleSettings.defaults().withDelay(Duration.ZERO);
    }

    @Test
    void aFileRewrittenInPlaceIsHeldWhileOpenAndRunOnceWhenItCloses() {
        queue = queue(delayZero());
        advanceTo(100);
        writing("f"); // open(O_TRUNC)
        assertEquals(Optional.of(at(150)), queue.dueAt(), "held for the quiet window");
        assertNothingDueNow();
        advanceTo(101);
        writing("f"); // write(2)
        assertNothingDueNow();
        advanceTo(102);
        closed("f"); // close(2)
        assertDueNow();
        assertEquals(Batch.Incremental.ofPaths(java.util.Set.of(RelativePath.of("f"))), take());
    }

    @Test
    void aClosedChangeAtDelayZeroRunsAtOnceAsBefore() {
        queue = queue(delayZero());
        advanceTo(100);
        closed("f");
        queue.offer(List.of(new Change.Created(RelativePath.of("g"), EntryKind.FILE)));
        assertDueNow();
        take();
    }

    @Test
    void aFileNeverClosedIsSentOnceItsWriterHasBeenQuietForAMoment() {
        queue = queue(delayZero());
        advanceTo(100);
        writing("mapped");
        advanceTo(149);
        assertNothingDueNow();
        advanceTo(150);
        Batch sent = take();
        report(sent, Outcome.OK);
        writing("mapped");
        assertEquals(Optional.of(at(200)), queue.dueAt(), "the next write waits again, on its own");
    }

    @Test
    void aFileAppendedForEverIsStillSentAtLeastEverySecondWithEverythingPendingBesideIt() {
        queue = queue(delayZero());
        closed("saved");
        List<Long> runsAt = new java.util.ArrayList<>();
        List<Integer> sizes = new java.util.ArrayList<>();
        for (long t = 0; t <= 2500; t += 10) {
            advanceTo(t);
            writing("log"); // a write every 10 ms, never closed
            Optional<Batch> batch = queue.takeIfDue();
            if (batch.isPresent()) {
                runsAt.add(t);
                sizes.add(batch.get().size());
                report(batch.get(), Outcome.OK);
            }
        }
        // the cap counts from the first change pending after each run
        assertEquals(List.of(1000L, 2010L), runsAt);
        assertEquals(List.of(2, 1), sizes, "the saved file went with the log in the first run");
    }

    @Test
    void aWriteFollowedByADeleteOrARenameAwayHoldsNothing() {
        queue = queue(delayZero());
        writing("tmp");
        queue.offer(List.of(new Change.Moved(RelativePath.of("tmp"), RelativePath.of("final"), EntryKind.FILE)));
        assertDueNow();
        report(take(), Outcome.OK);
        writing("d/f");
        queue.offer(List.of(new Change.Deleted(RelativePath.of("d"), EntryKind.DIRECTORY)));
        assertDueNow();
    }

    @Test
    void aRescanOfTheRootEndsTheWaitSinceTheCloseMayHaveBeenLost() {
        queue = queue(delayZero());
        writing("f");
        queue.offer(List.of(new Change.Rescan(RelativePath.ROOT, "inotify queue overflow")));
        assertDueNow();
    }

    // ---- renames: a clean rename needs no tree compare of its new name

    @Test
    void aDirectoryRenamedWhileNothingRunsIsOnlyARename() {
        queue.offer(List.of(new Change.Moved(RelativePath.of("big"), RelativePath.of("big2"), EntryKind.DIRECTORY)));
        advanceTo(1000);
        assertEquals(new Batch.Incremental(List.of(new Move(RelativePath.of("big"), RelativePath.of("big2"),
                EntryKind.DIRECTORY)), new java.util.TreeSet<>(), new java.util.TreeSet<>()), take());
    }

    @Test
    void aDirectoryRenamedWhileARunWritesInsideItIsComparedAtItsNewName() {
        write("big/f");
        advanceTo(1000);
        Batch first = take();
        // rsync may read big/f after the rename, find it gone and delete it at the destination's big
        queue.offer(List.of(new Change.Moved(RelativePath.of("big"), RelativePath.of("big2"), EntryKind.DIRECTORY)));
        report(first, Outcome.OK);
        advanceTo(2000);
        Batch.Incremental second = assertInstanceOf(Batch.Incremental.class, take());
        assertTrue(second.trees().contains(RelativePath.of("big2")), second::toString);
    }

    @Test
    void aDirectoryRenamedWhileAnUnrelatedRunIsInFlightIsOnlyARename() {
        write("elsewhere/f");
        advanceTo(1000);
        Batch first = take();
        queue.offer(List.of(new Change.Moved(RelativePath.of("big"), RelativePath.of("big2"), EntryKind.DIRECTORY)));
        report(first, Outcome.OK);
        advanceTo(2000);
        Batch.Incremental second = assertInstanceOf(Batch.Incremental.class, take());
        assertEquals(0, second.trees().size() + second.paths().size(), second::toString);
    }
}
