package pirsyncd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import pirsyncd.model.Change;
import pirsyncd.model.EntryKind;
import pirsyncd.model.RelativePath;
import pirsyncd.model.TransferResult;
import pirsyncd.schedule.ScheduleSettings;
import pirsyncd.schedule.Scheduler;
import pirsyncd.schedule.TargetSpec;

/**
 * What the watch tree's reader thread pays per change in {@code Scheduler.accept}: coalescing
 * into every target's pending set under its lock. The scheduler is never started, so no transfer
 * runs and only the coalescing is measured. One invocation is one read's worth of changes
 * ({@value #CHANGES}); the score is changes per second. Goal: well above the ~1 M events/s the
 * parser delivers, per target, so that accept never becomes the bottleneck of the reader.
 *
 * <pre>java -jar bench/jmh/target/benchmarks.jar CoalescingBenchmark -f 1 -wi 3 -i 3</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoalescingBenchmark {
    /** Changes per accept call, about one 64 KiB inotify read. */
    static final int CHANGES = 1400;
    /** Distinct files the modifications cycle over; the pending set settles at this size. */
    static final int FILES = 10_000;

    /** How many destinations each change is coalesced into. */
    @Param({"1", "4"})
    public int targets;

    private Scheduler scheduler;
    private List<List<Change>> modifyReads;
    private List<Change> createRead;
    private List<Change> deleteRead;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        List<TargetSpec> specs = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            // never called: the scheduler is not started
            specs.add(new TargetSpec("t" + i, "nowhere",
                    batch -> new TransferResult(TransferResult.Outcome.OK, 0, "", 0, 0, Duration.ZERO)));
        }
        scheduler = new Scheduler(specs, ScheduleSettings.defaults().withMaxPending(1_000_000));
        modifyReads = new ArrayList<>();
        List<Change> read = new ArrayList<>();
        for (int i = 0; i < FILES * 2; i++) {
            read.add(new Change.Modified(file("data", i % FILES), EntryKind.FILE));
            if (read.size() == CHANGES) {
                modifyReads.add(List.copyOf(read));
                read.clear();
            }
        }
        createRead = new ArrayList<>();
        deleteRead = new ArrayList<>();
        for (int i = 0; i < CHANGES / 2; i++) {
            createRead.add(new Change.Created(file("scratch", i), EntryKind.FILE));
            createRead.add(new Change.Modified(file("scratch", i), EntryKind.FILE));
            deleteRead.add(new Change.Deleted(file("scratch", i), EntryKind.FILE));
            deleteRead.add(new Change.AttributesChanged(file("data", i), EntryKind.FILE));
        }
    }

    /** A file four directories deep, spread over many directories as a real tree is. */
    private static RelativePath file(String top, int i) {
        return RelativePath.of(top + "/d" + (i % 7) + "/e" + (i % 31) + "/f" + (i % 97) + "/file-" + i + ".dat");
    }

    @TearDown(Level.Trial)
    public void close() {
        scheduler.close();
    }

    /** Writes to files already pending: one lookup and a table cell per change, per target. */
    @Benchmark
    @OperationsPerInvocation(CHANGES)
    public long modifiesOfPendingFiles() {
        scheduler.accept(modifyReads.get(next++ % modifyReads.size()));
        return scheduler.totalPending();
    }

    /** Files created, written and deleted again before a run: create+modify then delete cancel out. */
    @Benchmark
    @OperationsPerInvocation(2 * CHANGES)
    public long createModifyDeleteCycles() {
        scheduler.accept(createRead);
        scheduler.accept(deleteRead);
        return scheduler.totalPending();
    }
}
