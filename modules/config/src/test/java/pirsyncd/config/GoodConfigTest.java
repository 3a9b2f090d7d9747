package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pirsyncd.rsync.Destination;
import pirsyncd.rsync.TransferOptions;

/** The good configs in testdata/good-configs load to exactly the effective values they mean. */
class GoodConfigTest {
    private static final Path TREE = TestData.GOOD.resolve("tree").toAbsolutePath().normalize();

    /** git keeps only the executable bit, so the secrets get their 0600 here. */
    @BeforeAll
    static void secretsAreOwnerOnly() throws IOException {
        for (String secret : List.of("rsync.secret", "id_test")) {
            Files.setPosixFilePermissions(TestData.GOOD.resolve(secret), PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static PirsyncdConfig load(String name) throws ConfigException {
        return ConfigLoader.load(Optional.of(TestData.GOOD.resolve(name)), ConfigOverrides.none());
    }

    @Test
    void minimalConfigGetsEveryDefault() throws Exception {
        PirsyncdConfig config = load("minimal.json");

        assertEquals("minimal", config.instance());
        assertEquals(TREE.toRealPath(), config.source());
        assertEquals(1, config.targets().size());
        Target target = config.targets().getFirst();
        assertEquals("/tmp/pirsyncd-good-config-mirror", target.name());
        assertEquals(new Destination.Local(Path.of("/tmp/pirsyncd-good-config-mirror")), target.destination());
        assertEquals(TransferOptions.defaults(), target.options());
        ScheduleSettings s = config.schedule();
        assertEquals(Duration.ofSeconds(1), s.delay());
        assertEquals(Duration.ofSeconds(10), s.maxDelay());
        assertEquals(0, s.everyEvents());
        assertTrue(s.initialSync());
        assertEquals(Duration.ofSeconds(1), s.retryInitial());
        assertEquals(Duration.ofSeconds(60), s.retryMax());
        assertEquals(100_000, s.maxPending());
        assertEquals(Duration.ofSeconds(30), config.shutdownTimeout());
        assertTrue(config.exclude().isEmpty());
        assertEquals(new WatchSettings(Duration.ofMinutes(5), Duration.ofSeconds(2), 0), config.watch());
        assertEquals(new LogSettings(Optional.empty(), LogLevel.INFO, Map.of(), 10L * 1024 * 1024, 5), config.log());
        assertEquals(new DebugSettings(false, false), config.debug());
    }

    @Test
    void fullConfigSetsEverySetting() throws Exception {
        PirsyncdConfig config = load("full.json");
        Path dir = TestData.GOOD.toAbsolutePath().normalize();

        assertEquals("full-example", config.instance());
        assertEquals(new ScheduleSettings(Duration.ofMillis(250), Duration.ofSeconds(5), 500, false,
                Duration.ofSeconds(2), Duration.ofSeconds(120), 20_000), config.schedule());
        assertEquals(Duration.ofMillis(45_500), config.shutdownTimeout());
        assertEquals(List.of("*.tmp", "/cache/", ".git/"), config.exclude().patterns());
        assertEquals(new WatchSettings(Duration.ofSeconds(60), Duration.ofMillis(500), 100_000), config.watch());
        assertEquals(new LogSettings(Optional.of(dir.resolve("logs/pirsyncd.log")), LogLevel.DEBUG,
                Map.of("inotify", LogLevel.TRACE, "watch", LogLevel.INFO, "schedule", LogLevel.WARN,
                        "rsync", LogLevel.ERROR, "control", LogLevel.OFF, "config", LogLevel.INFO,
                        "daemon", LogLevel.WARN),
                50L * 1024 * 1024, 3), config.log());
        assertEquals(new DebugSettings(true, true), config.debug());
        assertEquals(List.of("local", "offsite", "rsync://mirror@127.0.0.1:8730/data/www"),
                config.targets().stream().map(Target::name).toList());

        TransferOptions shared = TransferOptions.defaults().toBuilder()
                .rsyncPath("rsync")
                .sshPath("ssh")
                .partial(true)
                .partialDir(Optional.of(".rsync-partial"))
                .maxSize(OptionalLong.of(1024L * 1024 * 1024))
                .minSize(OptionalLong.of(1))
                .compress(true)
                .bwlimit(OptionalLong.of(2048))
                .checksum(true)
                .timeout(Optional.of(Duration.ofSeconds(120)))
                .contimeout(Optional.of(Duration.ofSeconds(15)))
                .runTimeout(Optional.of(Duration.ofHours(1)))
                .extraArgs(List.of("--acls", "--xattrs"))
                .maxDelete(OptionalInt.of(500))
                .allowDeleteWhenSourceEmpty(true)
                .sshPort(OptionalInt.of(2222))
                .sshIdentityFile(Optional.of(dir.resolve("id_test")))
                .sshOptions(List.of("ConnectTimeout=10"))
                .logFile(Optional.of(dir.resolve("logs/rsync.log")))
                .debugCommands(true)
                .excludes(config.exclude())
                .build();
        assertEquals(shared.toBuilder().delete(false).append(true).build(), config.targets().get(0).options());
        assertEquals(shared.toBuilder().remoteRsyncPath(Optional.of("sudo rsync")).sshPort(OptionalInt.of(2200))
                .sshPath("/usr/bin/ssh").bwlimit(OptionalLong.of(500)).build(), config.targets().get(1).options());
        assertEquals(shared.toBuilder().passwordFile(Optional.of(dir.resolve("rsync.secret"))).appendVerify(true)
                .maxSize(OptionalLong.of(10L * 1024 * 1024)).logFile(Optional.of(dir.resolve("logs/daemon-target.log"))).build(),
                config.targets().get(2).options());
        assertInstanceOf(Destination.Ssh.class, config.targets().get(1).destination());
        Destination.RsyncDaemon daemon = assertInstanceOf(Destination.RsyncDaemon.class, config.targets().get(2).destination());
        assertEquals(OptionalInt.of(8730), daemon.port());
        assertEquals("data", daemon.module());
    }

    @Test
    void targetsOverrideTopLevelRsyncOptionsOneByOne() throws Exception {
        PirsyncdConfig config = load("multi-target.json");

        List<TransferOptions> options = config.targets().stream().map(Target::options).toList();
        assertTrue(options.get(0).compress());
        assertEquals(OptionalLong.of(1000), options.get(0).bwlimit());
        assertFalse(options.get(1).compress());
        assertEquals(OptionalLong.empty(), options.get(1).bwlimit(), "bwlimit 0 means no limit");
        assertTrue(options.get(2).compress());
        assertEquals(OptionalLong.of(5 * 1024), options.get(2).bwlimit());
        assertEquals(Duration.ofSeconds(20), config.schedule().maxDelay(), "maxDelay defaults to 10 x delay");
    }

    @Test
    void describeListsEveryEffectiveSetting() throws Exception {
        String text = load("full.json").describe();

        for (String expected : List.of("instance: full-example", "delay: 0.25 s", "maxDelay: 5 s", "everyEvents: 500",
                "exclude: \"*.tmp\" \"/cache/\" \".git/\"", "log.levels.control: off", "targets[2]",
                "  destination: rsync://mirror@127.0.0.1:8730/data/www (rsync daemon)", "  bwlimit: 500 KiB/s",
                "  maxSize: 10485760 bytes", "  ssh.port: 2200", "  ssh.path: /usr/bin/ssh", "shutdownTimeout: 45.5 s",
                "watch.unwatchedRescanInterval: 60 s", "watch.rootRetryInterval: 0.5 s", "watch.maxWatches: 100000")) {
            assertTrue(text.contains(expected + "\n"), () -> "missing \"" + expected + "\" in:\n" + text);
        }
    }
}
