package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.model.ExcludeRules;
import pirsyncd.watch.SourceWatcher;
import pirsyncd.watch.WatchSettings;

/**
 * The real watch tree (real inotify) feeding the scheduler at delay 0, rsync into a real
 * directory: a file rewritten in place (open with O_TRUNC, two writes, close) costs one run, not
 * one for the first IN_MODIFY (copying a half-written file) and another for the IN_CLOSE_WRITE.
 */
@Timeout(120)
class RewriteAtDelayZeroIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int REWRITES = 5;

    @TempDir
    Path tmp;

    @Test
    void aFileRewrittenInPlaceAtDelayZeroIsSentOnceWhenItsWriterClosesIt() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Path destination = Files.createDirectories(tmp.resolve("destination"));
        Path file = Files.writeString(source.resolve("f"), "before\n");
        Files.copy(file, destination.resolve("f"), StandardCopyOption.COPY_ATTRIBUTES);
        ScheduleSettings atOnce = ScheduleSettings.defaults().withDelay(Duration.ZERO).withInitialSync(false);
        try (Scheduler scheduler = new Scheduler(List.of(new TargetSpec("local", destination.toString(),
                new LocalRsyncTransfer(source, destination))), atOnce);
                SourceWatcher _ = SourceWatcher.start(WatchSettings.of(source, ExcludeRules.of()), scheduler)) {
            scheduler.start();
            for (int i = 1; i <= REWRITES; i++) {
                String content = ("rewrite " + i + "\n").repeat(1000 * i);
                rewriteInTwoWrites(file, content);
                Path copy = destination.resolve("f");
                awaitTrue(() -> content.equals(read(copy)) && settled(scheduler), "rewrite " + i + " at the destination");
                assertEquals(i, scheduler.status().getFirst().runs(), "one run per rewrite, after rewrite " + i);
            }
        }
    }

    /**
     * open(O_TRUNC), write half, a short pause (a writer on a busy machine), write the rest,
     * close: IN_MODIFY, IN_MODIFY, IN_MODIFY, IN_CLOSE_WRITE, the first in a read of its own.
     */
    private static void rewriteInTwoWrites(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(bytes, 0, bytes.length / 2));
            // pacing the writer, not waiting for anything: well inside RunTiming.WRITE_QUIET
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            out.write(ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2));
        }
    }

    private static boolean settled(Scheduler scheduler) {
        TargetStatus status = scheduler.status().getFirst();
        return status.state() == TargetState.IDLE && status.pending() == 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within " + TIMEOUT);
            // polling the destination and a status snapshot: nothing to wait on
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }
}
