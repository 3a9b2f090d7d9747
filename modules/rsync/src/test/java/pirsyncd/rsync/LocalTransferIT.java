package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pirsyncd.model.Batch;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;
import pirsyncd.model.TransferResult;
import pirsyncd.model.TransferResult.Outcome;

/** The contract on a local destination, plus the options and failure modes that need no network. */
class LocalTransferIT extends TransferContract {
    @Override
    Destination destination() {
        return Destination.parse(mirror().toString());
    }

    @Override
    Path mirror() {
        return work.resolve("mirror");
    }

    @Override
    TransferOptions.Builder options() {
        return TransferOptions.defaults().toBuilder();
    }

    @Override
    boolean renames() {
        return true;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void maxSizeAndMinSizeSkipFilesOutsideTheRange() throws Exception {
        Files.write(source().resolve("tiny"), new byte[10]);
        Files.write(source().resolve("medium"), new byte[500]);
        Files.write(source().resolve("huge"), new byte[5000]);
        TransferOptions options = options().minSize(OptionalLong.of(100)).maxSize(OptionalLong.of(1000)).build();
        ok(transfer(options), new Batch.Full("first sync"));
        assertTrue(Files.exists(mirror().resolve("medium")));
        assertFalse(Files.exists(mirror().resolve("tiny")), "minSize let a 10-byte file through");
        assertFalse(Files.exists(mirror().resolve("huge")), "maxSize let a 5000-byte file through");
        ok(transfer(options), Batch.Incremental.ofPaths(Set.of(RelativePath.of("huge"), RelativePath.of("tiny"))));
        assertFalse(Files.exists(mirror().resolve("huge")), "a targeted run ignored maxSize");
        assertFalse(Files.exists(mirror().resolve("tiny")), "a targeted run ignored minSize");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void appendOnlySendsTheGrownTail() throws Exception {
        Files.writeString(source().resolve("log"), "0123456789abcdef");
        Files.createDirectories(mirror());
        // a different prefix at the destination shows rsync appended instead of rewriting
        Files.writeString(mirror().resolve("log"), "XXXXXXXX");
        ok(transfer(options().append(true).build()), Batch.Incremental.ofPaths(Set.of(RelativePath.of("log"))));
        assertEquals("XXXXXXXX89abcdef", Files.readString(mirror().resolve("log")));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void hangingRunIsKilledAndRetriedAndPartialFileIsKept() throws Exception {
        Files.write(source().resolve("big"), new byte[4 * 1024 * 1024]);
        TransferOptions slow = options().bwlimit(OptionalLong.of(100)).partialDir(Optional.of(".partial"))
                .runTimeout(Optional.of(Duration.ofSeconds(3))).build();
        long started = System.nanoTime();
        TransferResult killed = transfer(slow).run(new Batch.Full("first sync"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(Outcome.RETRY, killed.outcome(), killed::toString);
        assertEquals(-1, killed.exitCode(), killed::toString);
        assertTrue(killed.meaning().contains("runTimeout"), killed.meaning());
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "the kill took " + took);
        Path partial = mirror().resolve(".partial/big");
        assertTrue(Files.exists(partial), "--partial-dir kept nothing after SIGTERM");
        assertTrue(Files.size(partial) < 4 * 1024 * 1024);

        ok(transfer(options().partialDir(Optional.of(".partial")).build()), new Batch.Full("retry"));
        TreeComparison.exact().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void maxDeleteHoldsTheTargetAndTheRunsOfABatchShareTheAllowance() throws Exception {
        Files.createDirectories(source().resolve("tree"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(source().resolve("f" + i), "x");
            Files.writeString(source().resolve("tree/t" + i), "x");
        }
        Files.writeString(source().resolve("keep"), "x");
        ok(transfer(options().build()), new Batch.Full("first sync"));
        for (int i = 0; i < 3; i++) {
            Files.delete(source().resolve("f" + i));
            Files.delete(source().resolve("tree/t" + i));
        }
        // the paths run deletes 3 of the 4 allowed; the trees run gets the one left, not 4 of its own
        TransferOptions four = options().maxDelete(OptionalInt.of(4)).build();
        TransferResult stopped = transfer(four).run(batch(List.of(),
                List.of(RelativePath.of("f0"), RelativePath.of("f1"), RelativePath.of("f2")),
                List.of(RelativePath.of("tree"))));
        assertEquals(Outcome.FATAL, stopped.outcome(), stopped::toString);
        assertEquals(25, stopped.exitCode(), stopped::toString);
        assertTrue(stopped.holdUntilResync(), "exit 25 must hold the target, not retry: " + stopped);
        assertTrue(stopped.meaning().startsWith("trees: max-delete reached: 2 deletions refused"), stopped.meaning());
        assertTrue(stopped.meaning().contains("pirsyncd resync"), stopped.meaning());
        try (var left = Files.list(mirror().resolve("tree"))) {
            assertEquals(2, left.count(), "the batch deleted more than maxDelete in total");
        }
        assertFalse(Files.exists(mirror().resolve("f0")));

        TransferResult full = transfer(options().maxDelete(OptionalInt.of(1)).build()).run(new Batch.Full("resync"));
        assertEquals(25, full.exitCode(), full::toString);
        assertTrue(full.holdUntilResync(), full::toString);
        ok(transfer(options().maxDelete(OptionalInt.of(10)).build()), new Batch.Full("resync"));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aFileVanishingMidRunIsRightAfterTheRunItsDeletionQueues() throws Exception {
        // exit 24 counts as OK: whatever vanished during a run vanished after its batch was taken, so
        // the watcher reports its deletion (or rename) as a newer change and the next run names it
        Files.write(source().resolve("a-big"), new byte[1024 * 1024]);
        Files.writeString(source().resolve("z-victim"), "old");
        ok(transfer(options().build()), new Batch.Full("first sync"));
        Files.write(source().resolve("a-big"), new byte[] {1});
        Files.write(source().resolve("a-big"), new byte[1024 * 1024], java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(source().resolve("z-victim"), "new");
        Files.createDirectories(source().resolve("z-dir"));
        TransferOptions slow = options().bwlimit(OptionalLong.of(256)).build();
        Thread remover = Thread.ofPlatform().daemon(true).start(() -> {
            // once rsync writes a-big's temporary file, the whole list has been read: z-victim is on it
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    try (var entries = Files.list(mirror())) {
                        if (entries.anyMatch(p -> p.getFileName().toString().startsWith(".a-big."))) {
                            Files.delete(source().resolve("z-victim"));
                            Files.delete(source().resolve("z-dir"));
                            return;
                        }
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        TransferResult vanished = ok(transfer(slow), Batch.Incremental.ofPaths(
                Set.of(RelativePath.of("a-big"), RelativePath.of("z-victim"), RelativePath.of("z-dir"))));
        remover.interrupt();
        remover.join();
        assertEquals(24, vanished.exitCode(), () -> "z-victim did not vanish mid-run: " + vanished);
        assertEquals("old", Files.readString(mirror().resolve("z-victim")), "rsync sent a file that was gone");
        // the watcher's Deleted(z-victim) and Deleted(z-dir) are the next batch; z-dir, listed before it
        // went, may have been created at the destination from the list alone
        ok(transfer(options().build()),
                Batch.Incremental.ofPaths(Set.of(RelativePath.of("z-victim"), RelativePath.of("z-dir"))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());

        // vanished and created again before the next run: the delete and the create coalesce to one place
        Files.writeString(source().resolve("z-victim"), "newer");
        ok(transfer(options().build()), Batch.Incremental.ofPaths(Set.of(RelativePath.of("z-victim"))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRenameIntoAMissingDestinationDirectoryFallsBackToSending() throws Exception {
        Files.createDirectories(source().resolve("new name"));
        Files.writeString(source().resolve("new name/f"), "x");
        // the mirror does not exist (an unmounted disk, a first run): the rename is drift, not a fatal error
        ok(transfer(options().build()), batch(
                List.of(new Move(RelativePath.of("old name"), RelativePath.of("new name"), EntryKind.DIRECTORY)),
                List.of(RelativePath.of("old name")), List.of(RelativePath.of("new name"))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void badOptionIsFatalAndMissingSourceIsRetried() throws Exception {
        Files.writeString(source().resolve("f"), "x");
        TransferResult bad = transfer(options().extraArgs(List.of("--no-such-option")).build())
                .run(new Batch.Full("first sync"));
        assertEquals(Outcome.FATAL, bad.outcome(), bad::toString);
        assertEquals(1, bad.exitCode());
        assertTrue(bad.meaning().contains("syntax or usage error"), bad.meaning());

        RsyncTransfer missing = new RsyncTransfer(work.resolve("not-there"), destination(), options().build(), "t");
        TransferResult gone = missing.run(new Batch.Full("first sync"));
        assertEquals(Outcome.RETRY, gone.outcome(), gone::toString);
        assertEquals(23, gone.exitCode(), gone::toString);

        TransferResult noRsync = transfer(options().rsyncPath("/nonexistent/rsync").build())
                .run(new Batch.Full("first sync"));
        assertEquals(Outcome.FATAL, noRsync.outcome(), noRsync::toString);
        assertTrue(noRsync.meaning().contains("rsyncPath"), noRsync.meaning());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deleteOffNeverDeletes() throws Exception {
        createPlainTree();
        ok(transfer(options().build()), new Batch.Full("first sync"));
        Files.delete(source().resolve("run.sh"));
        TransferOptions keep = options().delete(false).build();
        ok(transfer(keep), Batch.Incremental.ofPaths(Set.of(RelativePath.of("run.sh"))));
        ok(transfer(keep), new Batch.Full("resync"));
        assertTrue(Files.exists(mirror().resolve("run.sh")));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void interruptKillsRsyncAndRethrows() throws Exception {
        Files.write(source().resolve("big"), new byte[4 * 1024 * 1024]);
        RsyncTransfer slow = transfer(options().bwlimit(OptionalLong.of(50)).build());
        Thread caller = Thread.currentThread();
        Thread.ofVirtual().start(() -> {
            // interrupt once rsync has started writing: the mirror directory appears
            while (!Files.exists(mirror())) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            caller.interrupt();
        });
        long started = System.nanoTime();
        boolean interrupted = false;
        try {
            slow.run(new Batch.Full("first sync"));
        } catch (InterruptedException expected) {
            interrupted = true;
        }
        assertTrue(interrupted, "run did not rethrow the interrupt");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 40, "rsync was not killed promptly");
        assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), "a child survived");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void logFileReceivesRsyncsOwnLog() throws Exception {
        Files.writeString(source().resolve("f"), "x");
        Path log = work.resolve("target.log");
        ok(transfer(options().logFile(Optional.of(log)).debugCommands(true).build()), new Batch.Full("first sync"));
        assertTrue(Files.readString(log).contains("f"), "rsync's --log-file is empty");
    }
}
