package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's {@code pirsyncd demo}: every change arrives, it ends by itself, and Ctrl-C ends it cleanly. */
@Timeout(180)
class DemoIT {
    @TempDir
    Path temp;

    @Test
    void everyChangeArrivesAndTheDemoCleansUp() throws Exception {
        Cli.Result demo = Cli.run("demo");
        assertEquals(0, demo.exitCode(), demo.describe());
        assertEquals(6, demo.out().lines().filter(line -> line.contains(" arrived after ")).count(), demo.describe());
        assertTrue(demo.out().contains("mirror/ now holds:\n  photos/\n  photos/2026/\n  photos/2026/a.jpg\n"), demo.out());
        assertFalse(Files.exists(folder(demo.out())), "the demo folder must be removed");
    }

    @Test
    void ctrlCStopsTheDemoCleanly() throws Exception {
        Path console = temp.resolve("demo.txt");
        Process demo = new ProcessBuilder(Cli.command(Cli.modulePath(), "demo"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            Cli.await(Cli.BOUND, "the demo to begin", () -> read(console).contains("-> "));
            Runtime.getRuntime().exec(new String[] {"kill", "-INT", Long.toString(demo.pid())}).waitFor();
            assertTrue(demo.waitFor(Cli.BOUND.toSeconds(), TimeUnit.SECONDS), "no exit after Ctrl-C");
            String out = read(console);
            assertTrue(demo.exitValue() == 130 || demo.exitValue() == 0, "exit " + demo.exitValue() + "\n" + out);
            assertTrue(out.contains("stopped instance \"demo\""), out);
            assertFalse(Files.exists(folder(out)), "the demo folder must be removed:\n" + out);
        } finally {
            demo.destroyForcibly();
        }
    }

    private static Path folder(String out) {
        Matcher matcher = Pattern.compile("demo folder (\\S+):").matcher(out);
        assertTrue(matcher.find(), out);
        return Path.of(matcher.group(1));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
