package pirsyncd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ordinary life of a tree — every kind of change issue 8 lists — on every destination kind. Each
 * scenario starts a daemon on a tree that already has content (so the initial sync is proven too),
 * converges, makes its changes as fast as a program would, and converges again: barrier, {@code status}
 * settled, trees identical.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ChangesIT {
    private static final Duration NOTICE_BOUND = Duration.ofMinutes(1);
    /** About how long sending the first half of the big file lasts, and how long appending the rest takes. */
    private static final Duration APPEND_WINDOW = Duration.ofMillis(1500);

    @RegisterExtension
    static final Summary SUMMARY = new Summary();

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void createModifyAndDeleteReachTheReplica(DestinationKind kind) throws IOException {
        try (Mirror mirror = Mirror.create("create, modify, delete", kind)) {
            mirror.ops().mkdirs("keep/sub").write("keep/a.txt", "a").write("keep/sub/b.txt", "b")
                    .write("doomed.txt", "bye").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);

            mirror.ops().write("new.txt", "created").append("keep/a.txt", " appended").unlink("doomed.txt")
                    .write("keep/sub/b.txt", "rewritten").apply();
            mirror.converge(daemon);

            // same size, mtime put back: rsync's quick check would skip it, the daemon must not (issue 5)
            Path sneaky = mirror.source().resolve("keep/a.txt");
            FileTime before = Files.getLastModifiedTime(sneaky);
            Files.writeString(sneaky, "A appended");
            Files.setLastModifiedTime(sneaky, before);
            mirror.converge(daemon);

            // the command-line client as a script uses it (every other scenario polls the control socket)
            DaemonStatus status = daemon.status();
            assertTrue(status.settled(), "status --json after convergence: " + status.json());
            // a change made just before stop: stop flushes what is pending with a final sync
            mirror.ops().write("last-words.txt", "written just before stop").apply();
            ExecResult stopped = daemon.stop();
            assertEquals(0, stopped.exitCode(), stopped.describe());
            assertTrue(stopped.out().contains("final sync"), "stop should report its final sync: " + stopped.out());
            mirror.assertIdentical();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = "LOCAL") // remote kinds: watcherScenariosOnRemoteKinds
    void deepMkdirAndAFileAtTheBottomAtOnce(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("mkdir -p 30 deep + file at once", kind)) {
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            String deep = String.join("/", Collections.nCopies(30, "level"));
            mirror.ops().mkdirs(deep).write(deep + "/bottom.txt", "at the bottom").apply();
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = "LOCAL") // remote kinds: watcherScenariosOnRemoteKinds
    void newDirectoryFilledWithAThousandFilesAtOnce(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("new dir + 1,000 files at once", kind)) {
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            // created and filled in one go: the files land before any watch on the new directory can exist
            mirror.ops().mkdirs("burst").files("burst", 1_000, 100).apply();
            mirror.converge(daemon);
        }
    }

    /** The scenarios that exercise the watcher more than the destination, on ssh and rsyncd too. */
    @Test
    @Tag("soak")
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void watcherScenariosOnRemoteKinds() throws IOException {
        for (DestinationKind kind : List.of(DestinationKind.SSH, DestinationKind.RSYNC_DAEMON)) {
            deepMkdirAndAFileAtTheBottomAtOnce(kind);
            newDirectoryFilledWithAThousandFilesAtOnce(kind);
            movesOutOfAndIntoTheTree(kind);
            deletionOfAWholeTree(kind);
            sparseFile(kind, Sizes.SOAK);
        }
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void renamesOfAFileADirectoryAndAChain(DestinationKind kind) {
        renames(kind, Sizes.FAST);
    }

    @Test
    @Tag("soak")
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void renameOfADirectoryHoldingTenThousandFiles() {
        for (DestinationKind kind : DestinationKind.values()) {
            renames(kind, Sizes.SOAK);
        }
    }

    private static void renames(DestinationKind kind, Sizes sizes) {
        try (Mirror mirror = Mirror.create("renames: file, dir of " + sizes.renamedDirectoryFiles() + ", a>b>c",
                kind)) {
            mirror.ops().write("file.txt", "renamed").mkdirs("big").files("big", sizes.renamedDirectoryFiles(), 64)
                    .write("a", "chain").mkdirs("d1/inner").write("d1/inner/x", "dir chain").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            mirror.ops().rename("file.txt", "file-renamed.txt").rename("big", "big-renamed").apply();
            mirror.converge(daemon);
            // chains inside one coalescing window: a>b>c must end as c alone
            mirror.ops().rename("a", "b").rename("b", "c").rename("d1", "d2").rename("d2", "d3").apply();
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = "LOCAL") // remote kinds: watcherScenariosOnRemoteKinds
    void movesOutOfAndIntoTheTree(DestinationKind kind) throws IOException {
        try (Mirror mirror = Mirror.create("moves out of and into the tree", kind)) {
            Path outside = Workspace.fresh("worlds/outside-" + kind.label());
            FsOps.in(outside).mkdirs("incoming/deep").write("incoming/deep/f", "from outside")
                    .write("single", "one file").apply();
            mirror.ops().mkdirs("leaving/sub").write("leaving/sub/g", "going out").write("leaving-file", "out")
                    .apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            Files.move(mirror.source().resolve("leaving"), outside.resolve("left"));
            Files.move(mirror.source().resolve("leaving-file"), outside.resolve("left-file"));
            Files.move(outside.resolve("incoming"), mirror.source().resolve("incoming"));
            Files.move(outside.resolve("single"), mirror.source().resolve("single"));
            mirror.converge(daemon);
            // a change inside the directory that moved in: it must be watched now
            Files.writeString(mirror.source().resolve("incoming/deep/later"), "written after the move");
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = "LOCAL") // remote kinds: watcherScenariosOnRemoteKinds
    void deletionOfAWholeTree(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("delete a whole tree", kind)) {
            FsOps ops = mirror.ops();
            for (int i = 0; i < 20; i++) {
                ops.mkdirs("tree/branch" + i + "/leaf").files("tree/branch" + i + "/leaf", 20, 32);
            }
            ops.write("survivor", "stays").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            mirror.ops().rmtree("tree").apply();
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void fileReplacedByADirectoryOfTheSameNameAndBack(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("file <-> directory of the same name", kind)) {
            mirror.ops().write("shape", "a file").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            mirror.ops().unlink("shape").mkdirs("shape/inner").write("shape/inner/f", "now a directory").apply();
            mirror.converge(daemon);
            mirror.ops().rmtree("shape").write("shape", "a file again").apply();
            mirror.converge(daemon);
            // both flips inside one coalescing window
            mirror.ops().unlink("shape").mkdirs("shape").write("shape/f", "x").rmtree("shape").write("shape", "final")
                    .apply();
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void symlinksAreCopiedAsLinks(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("symlinks", kind)) {
            mirror.ops().mkdirs("dir").write("dir/target.txt", "pointed at").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            mirror.ops().symlink("dir/target.txt", "relative").symlink("/etc/hostname", "absolute")
                    .symlink("does/not/exist", "dangling").symlink("dir", "to-dir").symlink("../../outside", "escaping")
                    .apply();
            mirror.converge(daemon);
            mirror.ops().unlink("relative").symlink("dir", "relative").unlink("dangling").apply();
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void hardLinksStayLinkedWhenAskedFor(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("hard links (extraArgs -H)", kind)) {
            mirror.checking(TreeComparator.Check.HARD_LINKS).withTargetOption("extraArgs", List.of("-H"));
            mirror.ops().write("first", "shared inode").link("first", "second").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            // both names of the new inode arrive in the same batch
            mirror.ops().write("lonely", "x").link("lonely", "pair").apply();
            mirror.converge(daemon);
        }
    }

    /** Once a known product failure: see docs/e2e.md, "Known product failures". */
    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void aHardLinkMadeLaterToAnAlreadySyncedFileStaysLinked(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("hard link later to a synced file (-H)", kind)) {
            mirror.checking(TreeComparator.Check.HARD_LINKS).withTargetOption("extraArgs", List.of("-H"));
            mirror.ops().write("first", "shared inode").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            mirror.ops().mkdirs("sub").link("first", "sub/third").apply();
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = "LOCAL") // remote kinds: watcherScenariosOnRemoteKinds
    void aSparseFileArrivesWithTheSameContent(DestinationKind kind) {
        sparseFile(kind, Sizes.FAST);
    }

    private static void sparseFile(DestinationKind kind, Sizes sizes) {
        try (Mirror mirror = Mirror.create("sparse file (" + (sizes.sparseFileBytes() >> 20) + " MiB)", kind)) {
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            mirror.ops().sparse("holes.img", sizes.sparseFileBytes()).apply();
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void aBigFileAppendedToWhileItIsBeingSynced(DestinationKind kind) throws IOException {
        bigFileAppendedWhileSyncing(kind, Sizes.FAST);
    }

    @Test
    @Tag("soak")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aOneGibibyteFileAppendedToWhileItIsBeingSynced() throws IOException {
        for (DestinationKind kind : DestinationKind.values()) {
            bigFileAppendedWhileSyncing(kind, Sizes.SOAK);
        }
    }

    /**
     * The first half is written and closed; once an rsync child of the daemon runs (sending that half),
     * the second half is appended at a steady pace, so rsync reads a file that grows under it. bwlimit
     * makes sending the first half last about {@link #APPEND_WINDOW}: long enough to be caught running
     * (a 1 GiB file hardly needs the brake, 64 MiB does).
     */
    private static void bigFileAppendedWhileSyncing(DestinationKind kind, Sizes sizes) throws IOException {
        long half = sizes.bigFileBytes() / 2;
        long bwlimitKiB = half / 1024 * 1000 / APPEND_WINDOW.toMillis();
        try (Mirror mirror = Mirror.create("big file (" + (sizes.bigFileBytes() >> 20) + " MiB) appended while syncing",
                kind)) {
            Daemon daemon = mirror.withTargetOption("bwlimit", bwlimitKiB).start();
            mirror.converge(daemon);
            Path big = mirror.source().resolve("big.bin");
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(big)) {
                for (long written = 0; written < half; written += chunk.length) {
                    Arrays.fill(chunk, (byte) (written >> 20));
                    out.write(chunk);
                }
            }
            Await.until(NOTICE_BOUND, "an rsync child sending the first half", () -> !daemon.rsyncChildren().isEmpty(),
                    daemon::logs);
            List<ProcessHandle> sending = daemon.rsyncChildren();
            long chunks = (sizes.bigFileBytes() - half) / chunk.length;
            long pace = APPEND_WINDOW.toNanos() / chunks;
            boolean overlapped = false;
            long start = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(big, StandardOpenOption.APPEND)) {
                for (long k = 0; k < chunks; k++) {
                    Arrays.fill(chunk, (byte) ((half >> 20) + k));
                    out.write(chunk);
                    out.flush();
                    if (k == 0) {
                        overlapped = sending.stream().anyMatch(ProcessHandle::isAlive);
                    }
                    long wait = start + (k + 1) * pace - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait); // pacing the writer, not synchronising with the daemon
                    }
                }
            }
            double appendSeconds = (System.nanoTime() - start) / 1e9;
            assertTrue(overlapped, "the rsync sending the first half (" + sending + ") had ended before the append"
                    + " began: nothing was appended while it ran");
            Summary.note(String.format(Locale.ROOT, "rsync %s running when the append began; %d MiB appended over %.1f s",
                    sending.stream().map(p -> Long.toString(p.pid())).toList(), chunks, appendSeconds));
            mirror.converge(daemon);
        }
    }
}
