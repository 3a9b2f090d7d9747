package pirsyncd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8's faults: the daemon, its rsync children, the destination and the source each fail in the
 * ways real machines fail, and the replica must still end up exactly right.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FaultsIT {
    private static final Duration NOTICE_BOUND = Duration.ofMinutes(2);
    /** What the daemon logs on IN_Q_OVERFLOW (modules/watch, EventTranslator). */
    private static final String OVERFLOW_LOGGED =
            "inotify queue overflowed (fs.inotify.max_queued_events); rescanning everything";
    /** fs.inotify.max_queued_events unless an admin changed it (inotify(7)). */
    private static final int DEFAULT_MAX_QUEUED_EVENTS = 16_384;
    /** The watched directories the overflow scenario floods. */
    private static final int OVERFLOW_DIRECTORIES = 20;

    @RegisterExtension
    static final Summary SUMMARY = new Summary();

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"LOCAL"}) // other kinds: otherKindsOfFaults (soak)
    void queueOverflowWhileStoppedEndsInAFullResync(DestinationKind kind) {
        overflow(kind, Sizes.FAST);
    }

    /** The faults the fast profile runs on one or two kinds only, on the others. */
    @Test
    @Tag("soak")
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void otherKindsOfFaults() throws IOException {
        for (DestinationKind kind : List.of(DestinationKind.SSH, DestinationKind.RSYNC_DAEMON)) {
            queueOverflowWhileStoppedEndsInAFullResync(kind);
            killMinusNineOfTheDaemonMidSyncThenStartAgain(kind);
            sourceFilesVanishingDuringATransfer(kind);
            destinationFileSystemFullThenSpaceFreed(kind);
            sourceRootRemovedThenBack(kind);
            sourceUnmountedLeavesTheReplicaAloneThenMountedAgain(kind);
        }
        killMinusNineOfAnRsyncChildMidTransfer(DestinationKind.RSYNC_DAEMON);
    }

    @Test
    @Tag("soak")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void queueOverflowWithFiftyThousandChanges() {
        for (DestinationKind kind : DestinationKind.values()) {
            overflow(kind, Sizes.SOAK);
        }
    }

    private static void overflow(DestinationKind kind, Sizes sizes) {
        // The queue length of the daemon's inotify instance is the sysctl's value when the daemon started.
        // On a shared machine another test may lower the sysctl for a moment (modules/inotify's InotifyIT
        // does), so the value read now is taken as no less than the kernel's default.
        int queueLimit = Math.max(maxQueuedEvents(), DEFAULT_MAX_QUEUED_EVENTS);
        // Each file created in a directory that is already watched queues IN_CREATE, IN_MODIFY and
        // IN_CLOSE_WRITE: three events. Directories made while the daemon is stopped would not do, nobody
        // watches them yet. Enough files for the profile's count of changes, and always a quarter more
        // events than the queue holds.
        int files = Math.max(sizes.overflowChanges(), queueLimit + queueLimit / 4) / 3 + 1;
        int perDirectory = (files + OVERFLOW_DIRECTORIES - 1) / OVERFLOW_DIRECTORIES;
        int events = 3 * perDirectory * OVERFLOW_DIRECTORIES;
        try (Mirror mirror = Mirror.create(String.format(Locale.ROOT, "SIGSTOP, %,d events, SIGCONT (overflow)", events),
                kind)) {
            FsOps setup = mirror.ops();
            for (int d = 0; d < OVERFLOW_DIRECTORIES; d++) {
                setup.mkdirs("watched/d" + d);
            }
            setup.mkdirs("old/a").files("old/a", 200, 16).mkdirs("old/b").files("old/b", 200, 16).apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            daemon.signal("STOP");
            FsOps flood = mirror.ops();
            for (int d = 0; d < OVERFLOW_DIRECTORIES; d++) {
                flood.files("watched/d" + d, perDirectory, 8);
            }
            flood.rmtree("old/a").touchAll("old/b").rename("old/b", "old/b-moved").apply();
            daemon.signal("CONT");
            mirror.converge(daemon);
            String log = daemon.fullLog();
            assertTrue(log.contains(OVERFLOW_LOGGED), "the daemon never logged the overflow (\"" + OVERFLOW_LOGGED
                    + "\") after " + events + " events with a queue of " + queueLimit + ":\n" + daemon.logs());
            Summary.note(String.format(Locale.ROOT, "queue holds %,d; overflow logged, full resync", queueLimit));
        }
    }

    /** The kernel's inotify queue length per instance on this machine. */
    private static int maxQueuedEvents() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/fs/inotify/max_queued_events")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"LOCAL"}) // other kinds: otherKindsOfFaults (soak)
    void killMinusNineOfTheDaemonMidSyncThenStartAgain(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("kill -9 daemon mid-sync, start again", kind)) {
            Daemon daemon = mirror.withTargetOption("bwlimit", 4_000).start();
            mirror.converge(daemon);
            mirror.ops().mkdirs("work").files("work", 400, 32 << 10).apply();
            Await.until(NOTICE_BOUND, "an rsync child to be running", () -> !daemon.rsyncChildren().isEmpty(),
                    daemon::logs);
            daemon.kill9();
            // changed while nobody watches: only the restarted daemon's initial sync can find these
            mirror.ops().rmtree("work").mkdirs("after").write("after/f", "made while the daemon was dead").apply();
            ExecResult again = daemon.startAgain();
            assertEquals(0, again.exitCode(), "start after kill -9 (stale pid file and socket): " + again.describe());
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"LOCAL", "SSH"}) // other kinds: otherKindsOfFaults (soak)
    void killMinusNineOfAnRsyncChildMidTransfer(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("kill -9 rsync child mid-transfer", kind)) {
            // bwlimit (KiB/s) makes the transfer last long enough to be caught in the middle
            Daemon daemon = mirror.withTargetOption("bwlimit", 4_000).start();
            mirror.converge(daemon);
            mirror.ops().mkdirs("data").files("data", 100, 64 << 10).apply(); // 6.4 MB: about 1.6 s at 4,000 KiB/s
            Await.until(NOTICE_BOUND, "an rsync child to be running", () -> !daemon.rsyncChildren().isEmpty(),
                    daemon::logs);
            List<ProcessHandle> children = daemon.rsyncChildren();
            for (ProcessHandle child : children) {
                Exec.run(Duration.ofSeconds(30), "kill", "-9", Long.toString(child.pid()));
            }
            Summary.note("killed " + children.size() + " rsync");
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"SSH", "RSYNC_DAEMON"})
    void destinationUnreachableForAWhile(DestinationKind kind) {
        try (Mirror mirror = Mirror.create("destination down, then back", kind)) {
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            TestServer server = kind == DestinationKind.SSH ? Remotes.sshd() : Remotes.rsyncd();
            server.stop();
            try {
                mirror.ops().mkdirs("while-down").files("while-down", 50, 100).write("top", "queued").apply();
                awaitTargetFailing(daemon);
            } finally {
                server.start();
            }
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"LOCAL"}) // other kinds: otherKindsOfFaults (soak)
    void destinationFileSystemFullThenSpaceFreed(DestinationKind kind) throws IOException {
        Mirror mirror = Mirror.create("destination file system full, then freed", kind);
        Mounts.tmpfs(mirror.replica(), "8m");
        try {
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            mirror.ops().mkdirs("fits").files("fits", 20, 1000).apply();
            Files.write(mirror.source().resolve("too-big.bin"), new byte[12 << 20]);
            awaitTargetFailing(daemon);
            Mounts.resize(mirror.replica(), "64m");
            mirror.converge(daemon);
        } finally {
            mirror.close(); // the daemon first: it may hold the mount busy
            Mounts.unmountQuietly(mirror.replica());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"LOCAL"}) // other kinds: otherKindsOfFaults (soak)
    void sourceFilesVanishingDuringATransfer(DestinationKind kind) throws IOException {
        try (Mirror mirror = Mirror.create("source files vanish mid-transfer", kind)) {
            Daemon daemon = mirror.withTargetOption("bwlimit", 4_000).start();
            mirror.converge(daemon);
            mirror.ops().mkdirs("v").files("v", 300, 16 << 10).apply();
            // The first file at the replica means rsync has listed the directory and is sending: over ssh
            // on a busy machine the connection alone can take longer than the whole transfer locally, so
            // "an rsync child runs" would be too early (nothing listed yet: an ordinary delete, no vanishing).
            Await.until(NOTICE_BOUND, "the first file of v/ at the replica", () -> anyFileIn(mirror.replica().resolve("v")),
                    daemon::logs);
            // delete every other file while rsync has them in its list (rsync exit 24, "vanished")
            FsOps gone = mirror.ops();
            for (int i = 0; i < 300; i += 2) {
                gone.unlink(String.format("v/f%06d", i));
            }
            gone.apply();
            mirror.converge(daemon);
            // rsync says "file has vanished: PATH" and exits 24 when it lost a file it had listed; the daemon
            // logs both (the exit as "... vanished source files"). Without them the scenario only proved an
            // ordinary delete. Exact phrases: the scenario's own folder is named "...-vanish-...".
            String log = daemon.fullLog();
            boolean hit = log.contains("file has vanished: ") || log.contains("vanished source files");
            assertTrue(hit, "rsync never met a vanished file (neither \"file has vanished: \" nor exit 24 in the"
                    + " daemon log); the deletes came too late or too early:\n" + daemon.logs());
            Summary.note("rsync met vanished files (exit 24)");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"LOCAL"}) // other kinds: otherKindsOfFaults (soak)
    void sourceRootRemovedThenBack(DestinationKind kind) throws IOException {
        try (Mirror mirror = Mirror.create("source root removed, then back", kind)) {
            mirror.ops().mkdirs("a/b").write("a/b/f", "precious").write("g", "also precious").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            Path aside = mirror.source().resolveSibling("src-aside");
            Files.move(mirror.source(), aside);
            Await.until(NOTICE_BOUND, "status to show the lost source root (no watches)",
                    () -> daemon.quickStatus().map(s -> s.watches() == 0).orElse(false),
                    () -> daemon.quickStatus().map(DaemonStatus::json).orElse("no status"));
            assertTrue(Files.exists(mirror.replica().resolve("a/b/f")), "the replica lost files when the source went away");
            Files.move(aside, mirror.source());
            mirror.ops().write("a/new-after-return", "hello again").apply();
            mirror.converge(daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DestinationKind.class, names = {"LOCAL"}) // other kinds: otherKindsOfFaults (soak)
    void sourceUnmountedLeavesTheReplicaAloneThenMountedAgain(DestinationKind kind) throws IOException {
        Mirror mirror = Mirror.create("source unmounted (empty mountpoint), then back", kind);
        Mounts.tmpfs(mirror.source(), "16m");
        try {
            mirror.ops().mkdirs("a").write("a/f", "on the mounted source").apply();
            Daemon daemon = mirror.start();
            mirror.converge(daemon);
            Mounts.unmount(mirror.source());
            Await.until(NOTICE_BOUND, "status to show the lost source root (no watches)",
                    () -> daemon.quickStatus().map(s -> s.watches() == 0).orElse(false),
                    () -> daemon.quickStatus().map(DaemonStatus::json).orElse("no status"));
            assertTrue(Files.exists(mirror.replica().resolve("a/f")), "an unmounted (now empty) source wiped the replica");
            Mounts.tmpfs(mirror.source(), "16m");
            mirror.ops().mkdirs("a").write("a/f", "on the mounted source").write("b", "new").apply();
            mirror.converge(daemon);
        } finally {
            mirror.close(); // the daemon first: its watches keep the mount busy
            Mounts.unmountQuietly(mirror.source());
        }
    }

    /** Whether {@code dir} holds a finished file (rsync's temporary files start with a dot). */
    private static boolean anyFileIn(Path dir) {
        try (var names = Files.list(dir)) {
            return names.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return false; // not created at the replica yet
        }
    }

    /** Waits (bounded) until the target reports a failed transfer: state retrying or failed, with an error. */
    private static void awaitTargetFailing(Daemon daemon) {
        DaemonStatus[] last = new DaemonStatus[1];
        Await.until(NOTICE_BOUND, "status to show the target retrying or failed with an error", () -> {
            last[0] = daemon.quickStatus().orElse(null);
            return last[0] != null && last[0].targets().stream().anyMatch(
                    t -> (t.state().equals("retrying") || t.state().equals("failed")) && !t.lastError().isEmpty());
        }, () -> last[0] == null ? "no status" : last[0].json());
        Summary.note("error seen: " + last[0].targets().get(0).lastError());
    }
}
