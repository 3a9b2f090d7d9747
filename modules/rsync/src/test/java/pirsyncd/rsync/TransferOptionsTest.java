package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import pirsyncd.model.ExcludeRules;

class TransferOptionsTest {
    @Test
    void builderRoundTripsEveryOption() {
        TransferOptions o = TransferOptions.defaults().toBuilder().partial(true).maxSize(OptionalLong.of(5))
                .sshPort(OptionalInt.of(2222)).excludes(ExcludeRules.of("*.tmp")).build();
        assertEquals(o, o.toBuilder().build());
        assertTrue(o.partial());
        assertTrue(TransferOptions.defaults().delete());
    }

    @Test
    void outOfRangeOptionsNameTheOption() {
        assertMessage("maxSize", () -> TransferOptions.defaults().toBuilder().maxSize(OptionalLong.of(-1)).build());
        assertMessage("sshPort", () -> TransferOptions.defaults().toBuilder().sshPort(OptionalInt.of(0)).build());
        assertMessage("timeout", () -> TransferOptions.defaults().toBuilder()
                .timeout(Optional.of(Duration.ofMillis(1500))).build());
        assertMessage("sshOptions", () -> TransferOptions.defaults().toBuilder().sshOptions(List.of("BatchMode")).build());
        assertMessage("rsyncPath", () -> TransferOptions.defaults().toBuilder().rsyncPath(" ").build());
    }

    @Test
    void commandsShowEveryOptionInTheVector() {
        TransferOptions o = TransferOptions.defaults().toBuilder().compress(true).bwlimit(OptionalLong.of(500))
                .maxDelete(OptionalInt.of(100)).excludes(ExcludeRules.of("*.tmp")).sshPort(OptionalInt.of(2222))
                .sshIdentityFile(Optional.of(Path.of("/k ey"))).remoteRsyncPath(Optional.of("sudo rsync")).build();
        RsyncCommands c = RsyncCommands.of(Path.of("/src"), Destination.parse("u@h:/dst"), o,
                new RsyncVersion(3, 2, 7, 31));
        String full = RsyncCommands.shellQuoted(c.full());
        assertTrue(full.startsWith("rsync -a --delete --stats --max-delete=100 -z --bwlimit=500 --timeout=300"), full);
        assertTrue(full.contains("'--exclude=*.tmp'"), full);
        assertTrue(full.contains("-e 'ssh -o BatchMode=yes -p 2222 -i '\\''/k ey'\\'' -o ConnectTimeout=30'"), full);
        assertTrue(full.endsWith("'--rsync-path=sudo rsync' -s /src/ u@h:/dst/"), full);
        String paths = RsyncCommands.shellQuoted(c.paths());
        assertTrue(paths.startsWith("rsync -a --from0 --files-from=- --ignore-times --delete-missing-args --force"),
                paths);
        String trees = RsyncCommands.shellQuoted(c.trees());
        assertTrue(trees.startsWith("rsync -a -r --from0 --files-from=- --delete --delete-missing-args"), trees);
    }

    @Test
    void theUsersSshOptionsComeBeforeOursSoTheirConnectTimeoutWins() {
        // ssh keeps the first value of an -o option: a ConnectTimeout of ours in front would win silently
        TransferOptions own = TransferOptions.defaults().toBuilder()
                .sshOptions(List.of("ServerAliveInterval=15", "connecttimeout=5")).build();
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "-o", "ServerAliveInterval=15", "-o", "connecttimeout=5",
                "u@h", "sh"), sshArgs(own).sshCommand(List.of("sh")));

        TransferOptions plain = TransferOptions.defaults().toBuilder().sshOptions(List.of("ServerAliveInterval=15"))
                .build();
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "-o", "ServerAliveInterval=15", "-o", "ConnectTimeout=30",
                "u@h", "sh"), sshArgs(plain).sshCommand(List.of("sh")));
    }

    @Test
    void helperStepsTakeTheirLimitFromRunTimeoutElseFiveMinutesOrALongerTimeout() {
        TransferOptions.Builder b = TransferOptions.defaults().toBuilder();
        assertEquals(Duration.ofMinutes(5), b.build().stepTimeout(), "default: timeout is 5 min too");
        assertEquals(Duration.ofMinutes(5), b.timeout(Optional.of(Duration.ofSeconds(30))).build().stepTimeout());
        assertEquals(Duration.ofMinutes(20), b.timeout(Optional.of(Duration.ofMinutes(20))).build().stepTimeout());
        assertEquals(Duration.ofSeconds(90), b.runTimeout(Optional.of(Duration.ofSeconds(90))).build().stepTimeout());
    }

    private static RsyncArgs sshArgs(TransferOptions options) {
        return new RsyncArgs(Path.of("/src"), Destination.parse("u@h:/dst"), options, new RsyncVersion(3, 2, 7, 31));
    }

    private static void assertMessage(String option, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(option + ":"), e.getMessage());
    }
}
