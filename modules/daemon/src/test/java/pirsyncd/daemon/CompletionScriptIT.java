package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.AutoComplete;

/**
 * The bash completion script shipped in the image (jlink/src/image/share/bash-completion) is
 * picocli's script for the command line as it is now, and bash completes with it.
 */
@Timeout(60)
class CompletionScriptIT {
    /** Tests run in the module's folder. */
    static final Path SHIPPED = Path.of("../../jlink/src/image/share/bash-completion/completions/pirsyncd");

    @Test
    void shippedScriptMatchesTheCommandLine() throws Exception {
        List<String> expected = AutoComplete.bash("pirsyncd", Main.commandLine()).stripTrailing().lines().toList();
        List<String> shipped = Files.readString(SHIPPED, StandardCharsets.UTF_8).stripTrailing().lines().toList();
        for (int i = 0; i < Math.min(expected.size(), shipped.size()); i++) {
            assertEquals(expected.get(i), shipped.get(i), "line " + (i + 1) + " differs; regenerate the script:"
                    + " bin/pirsyncd generate-completion > " + SHIPPED.normalize());
        }
        assertEquals(expected.size(), shipped.size(), "length differs; regenerate the script");
    }

    @Test
    void bashCompletesSubcommandsAndOptions() throws Exception {
        assertEquals(List.of("start", "status", "stop"), complete("pirsyncd", "st"));
        assertTrue(complete("pirsyncd", "run", "--del").containsAll(List.of("--delay", "--delete")));
    }

    private static List<String> complete(String... words) throws Exception {
        String script = "source " + SHIPPED.toAbsolutePath() + "\nCOMP_WORDS=(" + String.join(" ", words) + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\nCOMP_LINE='" + String.join(" ", words) + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n_complete_pirsyncd\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(line -> !line.isBlank()).sorted().toList();
    }
}
