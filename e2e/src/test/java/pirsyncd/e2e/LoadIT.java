package pirsyncd.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A steady writer — creates, rewrites, renames and deletes across 20 directories at a fixed rate — while
 * the daemon keeps up. Lag is measured with tick files the writer drops ten times a second: the time from
 * writing tick k to seeing it in the replica. The daemon's RSS is sampled throughout. Nothing may be lost
 * at the end.
 */
class LoadIT {
    /** The daemon's maxDelay at the suite's {@code --delay 0.2}: the default, ten times the delay (docs/config.md). */
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
    /** Room on top of the lag a tick can have by design, for the observer's polling and a busy machine. */
    private static final Duration LAG_SLACK = Duration.ofSeconds(3);
    /** The daemon's line per rsync run (LoggedTransfer): {@code [target] sync of N change(s) to D: ok in 0.42 s, ...}. */
    private static final Pattern RUN_LOGGED = Pattern.compile(": (?:ok|retry|fatal) in (\\d+\\.\\d+) s, ");

    @RegisterExtension
    static final Summary SUMMARY = new Summary();

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"LOCAL"})
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aSteadyWriterIsFollowed(DestinationKind kind) throws Exception {
        steadyWriter(kind, Sizes.FAST);
    }

    @Test
    @Tag("soak")
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void twoThousandChangesPerSecondForAMinute() throws Exception {
        for (DestinationKind kind : DestinationKind.values()) {
            steadyWriter(kind, Sizes.SOAK);
        }
    }

    private static void steadyWriter(DestinationKind kind, Sizes sizes) throws Exception {
        String name = "steady writer " + sizes.loadChangesPerSecond() + "/s for " + sizes.loadSeconds() + " s";
        try (Mirror mirror = Mirror.create(name, kind)) {
            FsOps setup = mirror.ops().mkdirs("ticks");
            for (int d = 0; d < 20; d++) {
                setup.mkdirs("w/d" + d);
            }
            setup.apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);

            ConcurrentHashMap<Integer, Long> tickWritten = new ConcurrentHashMap<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong maxLagNanos = new AtomicLong();
            AtomicLong sumLagNanos = new AtomicLong();
            AtomicLong ticksSeen = new AtomicLong();
            AtomicLong maxRss = new AtomicLong();
            Thread observer = Thread.ofPlatform().daemon(true).name("lag-observer").start(() -> {
                int next = 0;
                while (writing.get() || tickWritten.containsKey(next)) {
                    Long written = tickWritten.get(next);
                    if (written != null && Files.exists(mirror.replica().resolve("ticks/t" + next))) {
                        long lag = System.nanoTime() - written;
                        maxLagNanos.accumulateAndGet(lag, Math::max);
                        sumLagNanos.addAndGet(lag);
                        ticksSeen.incrementAndGet();
                        next++;
                        continue;
                    }
                    maxRss.accumulateAndGet(daemon.rssKiB(), Math::max);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            });

            long writerStart = System.nanoTime();
            long changes = write(mirror.source(), sizes, tickWritten);
            double writerSeconds = (System.nanoTime() - writerStart) / 1e9;
            writing.set(false);
            Duration converged = mirror.converge(daemon);
            observer.join(TimeUnit.MINUTES.toMillis(2));
            assertTrue(ticksSeen.get() > 0, "no tick reached the replica");
            String figures = String.format(Locale.ROOT,
                    "%,d changes at %,.0f/s achieved (%,d/s asked); lag avg %.2f s max %.2f s over %d ticks;"
                            + " daemon RSS max %d MiB",
                    changes, changes / writerSeconds, sizes.loadChangesPerSecond(),
                    sumLagNanos.get() / 1e9 / ticksSeen.get(), maxLagNanos.get() / 1e9, ticksSeen.get(),
                    maxRss.get() / 1024);
            Summary.note(figures);
            System.out.println(name + " on " + kind.label() + ": " + figures + "; converged " + converged.toMillis()
                    + " ms after the writer stopped");
            // A tick waits at most maxDelay for its batch, behind at most the run in progress, then its own
            // run: the longest run the daemon logged counts twice (remote runs are slower, a busy machine more).
            Duration longestRun = longestRun(daemon);
            Duration bound = MAX_DELAY.plus(longestRun.multipliedBy(2)).plus(LAG_SLACK);
            Summary.note(String.format(Locale.ROOT, "longest rsync run %.2f s; lag bound %.2f s",
                    longestRun.toMillis() / 1e3, bound.toMillis() / 1e3));
            assertTrue(maxLagNanos.get() <= bound.toNanos(), String.format(Locale.ROOT,
                    "a tick lagged %.2f s behind the writer; the bound is %.2f s (maxDelay %d s + 2 x the longest"
                            + " rsync run, %.2f s, + %d s): %s",
                    maxLagNanos.get() / 1e9, bound.toMillis() / 1e3, MAX_DELAY.toSeconds(), longestRun.toMillis() / 1e3,
                    LAG_SLACK.toSeconds(), figures));
        }
    }

    /** The longest rsync run the daemon logged; fails if it logged none (its log line changed?). */
    private static Duration longestRun(Daemon daemon) {
        Matcher runs = RUN_LOGGED.matcher(daemon.fullLog());
        double longest = -1;
        while (runs.find()) {
            longest = Math.max(longest, Double.parseDouble(runs.group(1)));
        }
        assertTrue(longest >= 0, "the daemon logged no rsync run in the form \"...: ok in 0.42 s, ...\" (LoggedTransfer)"
                + " — the lag bound is built on it:\n" + daemon.logs());
        return Duration.ofMillis(Math.round(longest * 1000));
    }

    /** Writes at the configured rate; returns how many changes it made. */
    private static long write(Path source, Sizes sizes, ConcurrentHashMap<Integer, Long> tickWritten) {
        long perChangeNanos = TimeUnit.SECONDS.toNanos(1) / sizes.loadChangesPerSecond();
        long total = (long) sizes.loadChangesPerSecond() * sizes.loadSeconds();
        long start = System.nanoTime();
        int tick = 0;
        try {
            for (long i = 0; i < total; i++) {
                Path dir = source.resolve("w/d" + (i % 20));
                Path file = dir.resolve("f" + (i / 20 % 50));
                switch ((int) (i % 10)) {
                    case 7 -> Files.deleteIfExists(file);
                    case 8 -> {
                        if (Files.exists(file)) {
                            Files.move(file, dir.resolve("r" + (i / 20 % 50)), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    default -> Files.writeString(file, "change " + i);
                }
                long due = start + (i + 1) * perChangeNanos;
                if ((System.nanoTime() - start) / TimeUnit.MILLISECONDS.toNanos(100) >= tick) {
                    tickWritten.put(tick, System.nanoTime());
                    Files.writeString(source.resolve("ticks/t" + tick), Integer.toString(tick));
                    tick++;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the writer, not synchronising with the daemon
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }
}
