package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import pirsyncd.rsync.Destination;

/** Flags beat the file, make a config on their own, and are reported by their flag name. */
class ConfigOverridesTest {
    private static final String TREE = TestData.GOOD.resolve("tree").toString();

    private static PirsyncdConfig load(Optional<String> file, ConfigOverrides flags) throws ConfigException {
        return ConfigLoader.load(file.map(TestData.GOOD::resolve), flags);
    }

    private static List<String> errors(Optional<String> file, ConfigOverrides flags) {
        return assertThrows(ConfigException.class, () -> load(file, flags)).errors();
    }

    @Test
    void sourceAndDestinationFlagsAloneMakeAConfig() throws Exception {
        PirsyncdConfig config = load(Optional.empty(), ConfigOverrides.none()
                .with("source", "--source", TREE)
                .with("targets[].destination", "--destination", "/tmp/pirsyncd-flags-mirror"));

        assertEquals("default", config.instance());
        assertEquals(Path.of(TREE).toRealPath(), config.source());
        assertEquals(new Destination.Local(Path.of("/tmp/pirsyncd-flags-mirror")), config.targets().getFirst().destination());
        assertEquals(Duration.ofSeconds(1), config.schedule().delay());
    }

    @Test
    void withoutFileOrFlagsBothMissingSettingsAreNamed() {
        assertEquals(List.of("source: missing; give --source DIR (the folder to mirror) or --config FILE",
                        "targets: missing; give --destination DEST or --config FILE"),
                errors(Optional.empty(), ConfigOverrides.none()));
    }

    @Test
    void flagsBeatTheFile() throws Exception {
        PirsyncdConfig config = load(Optional.of("multi-target.json"), ConfigOverrides.none()
                .with("delay", "--delay", "0.5")
                .with("instance", "--instance", "from-flag")
                .withList("exclude", "--exclude", List.of("*.log", "/tmp/")));

        assertEquals(Duration.ofMillis(500), config.schedule().delay());
        assertEquals(Duration.ofSeconds(5), config.schedule().maxDelay(), "the default maxDelay follows the flag's delay");
        assertEquals("from-flag", config.instance());
        assertEquals(List.of("*.log", "/tmp/"), config.exclude().patterns());
    }

    @Test
    void anRsyncFlagBeatsWhatEachTargetSets() throws Exception {
        PirsyncdConfig config = load(Optional.of("multi-target.json"),
                ConfigOverrides.none().withFlag("--bwlimit", List.of("300")));

        assertEquals(List.of(OptionalLong.of(300), OptionalLong.of(300), OptionalLong.of(300)),
                config.targets().stream().map(t -> t.options().bwlimit()).toList());
    }

    @Test
    void theSshPathFlagSetsTheSshClientOfSshTargetsAndIsChecked() throws Exception {
        PirsyncdConfig config = load(Optional.empty(), ConfigOverrides.none()
                .with("source", "--source", TREE)
                .with("targets[].destination", "--destination", "backup@127.0.0.1:/srv/www")
                .withFlag("--ssh-path", List.of("/usr/bin/ssh")));
        assertEquals("/usr/bin/ssh", config.targets().getFirst().options().sshPath());

        assertEquals(List.of("--ssh-path: \"/nonexistent/ssh\" is not an executable file; install the ssh client"
                        + " (openssh-client) or fix the path"),
                errors(Optional.empty(), ConfigOverrides.none()
                        .with("source", "--source", TREE)
                        .with("targets[].destination", "--destination", "backup@127.0.0.1:/srv/www")
                        .withFlag("--ssh-path", List.of("/nonexistent/ssh"))));
    }

    @Test
    void destinationFlagReplacesTheSingleTargetOfAFile() throws Exception {
        PirsyncdConfig config = load(Optional.of("minimal.json"),
                ConfigOverrides.none().with("targets[].destination", "--destination", "/tmp/pirsyncd-other"));

        assertEquals(List.of(new Destination.Local(Path.of("/tmp/pirsyncd-other"))),
                config.targets().stream().map(Target::destination).toList());
    }

    @Test
    void targetNameFlagNamesTheSingleTarget() throws Exception {
        PirsyncdConfig config = load(Optional.empty(), ConfigOverrides.none()
                .with("source", "--source", TREE)
                .with("targets[].destination", "--destination", "/tmp/pirsyncd-flags-mirror")
                .with("targets[].name", "--target-name", "offsite"));

        assertEquals(List.of("offsite"), config.targets().stream().map(Target::name).toList());
    }

    @Test
    void destinationFlagWithSeveralTargetsIsRefused() {
        assertEquals(List.of("--destination: the config file has 3 targets, and --destination can only stand for one; "
                        + "drop the flag or edit the targets in the file"),
                errors(Optional.of("multi-target.json"),
                        ConfigOverrides.none().with("targets[].destination", "--destination", "/tmp/x")));
    }

    @Test
    void badFlagValuesAreReportedByFlagName() {
        assertEquals(List.of("--delay: \"abc\" is not a number of seconds; write e.g. 0.5",
                        "--compress: \"yes\" is not true or false; write e.g. true",
                        "--ssh-port: 0 is out of range; write a whole number from 1 to 65535, e.g. 2222"),
                errors(Optional.of("minimal.json"), ConfigOverrides.none()
                        .with("delay", "--delay", "abc")
                        .with("compress", "--compress", "yes")
                        .with("ssh.port", "--ssh-port", "0")));
    }

    @Test
    void aFlagDestinationInsideTheSourceIsRefused() {
        assertEquals(List.of("--destination: \"" + TREE + "/copy\" lies inside the source; choose a folder outside it"),
                errors(Optional.empty(), ConfigOverrides.none()
                        .with("source", "--source", TREE)
                        .with("targets[].destination", "--destination", TREE + "/copy")));
    }

    @Test
    void unknownKeysAndMisusedListsAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.none().with("dealy", "--dealy", "1"));
        assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.none().with("exclude", "--exclude", "x"));
        assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.none().withFlag("--no-such-flag", List.of("1")));
    }
}
