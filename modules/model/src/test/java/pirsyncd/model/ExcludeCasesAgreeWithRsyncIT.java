package pirsyncd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the shared table describes what the real rsync binary does, given the arguments
 * {@link ExcludeRules#rsyncFilterArguments()} produces: together with ExcludeRulesCasesTest this is
 * the proof that watching and transfer exclude the same entries.
 */
class ExcludeCasesAgreeWithRsyncIT {

    static List<ExcludeCase> cases() {
        return ExcludeCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(60)
    void rsyncExcludesExactlyWhatTheTableSays(ExcludeCase c, @TempDir Path dir) throws Exception {
        Path source = dir.resolve("src");
        Path entry = source.resolve(c.path());
        if (c.kind() == EntryKind.DIRECTORY) {
            Files.createDirectories(entry);
        } else {
            Files.createDirectories(entry.getParent());
            Files.createFile(entry);
        }
        List<String> command = new ArrayList<>(List.of("rsync", "-a", "--dry-run", "--out-format=%n"));
        command.addAll(ExcludeRules.of(c.patterns()).rsyncFilterArguments());
        command.add(source + "/");
        command.add(dir.resolve("dst") + "/");
        Set<String> sent = run(command).lines().map(name -> name.replaceAll("/$", "")).collect(Collectors.toSet());
        assertEquals(c.excluded(), !sent.contains(c.path()), c + "; rsync listed " + sent);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(command + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
