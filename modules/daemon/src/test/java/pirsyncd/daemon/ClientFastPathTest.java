package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client command lines run without picocli exactly as they do with it (same output, same exit
 * code), and anything that is not a plain client command line is left to picocli.
 */
@Timeout(60)
class ClientFastPathTest {
    @TempDir
    Path temp;

    private record Outcome(OptionalInt exitCode, String out, String err) {}

    private static Outcome fast(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        OptionalInt code = ClientFastPath.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "status --json", "resync", "metrics", "stop", "status --json --instance=ghost",
        "stop --runtime-dir=RT --instance ghost", "status --instance ../bad"})
    void aPlainClientCommandLineBehavesAsWithPicocli(String line) {
        String[] args = (line + (line.contains("--instance") ? "" : " --instance ghost")
                + (line.contains("--runtime-dir") ? "" : " --runtime-dir RT"))
                .replace("RT", temp.resolve("rt").toString()).split(" ");

        Outcome fast = fast(args);
        CommandLineTest.Outcome picocli = CommandLineTest.execute(args);

        assertTrue(fast.exitCode().isPresent(), "not taken by the fast path: " + line);
        assertEquals(picocli.exitCode(), fast.exitCode().getAsInt(), line);
        assertEquals(picocli.out(), fast.out(), line);
        assertEquals(picocli.err(), fast.err(), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void theVersionIsPrintedAsPicocliPrintsIt(String flag) {
        Outcome fast = fast(flag);
        CommandLineTest.Outcome picocli = CommandLineTest.execute(flag);

        assertEquals(OptionalInt.of(picocli.exitCode()), fast.exitCode());
        assertEquals(picocli.out(), fast.out());
        assertTrue(fast.out().matches("pirsyncd \\d+\\.\\d+\\.\\d+.*\n"), fast.out());
        assertEquals("", fast.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"status --jsn", "status --help", "status -h", "resync --json", "status --instance",
        "status --instance a --instance b", "status --json --json", "run", "check --config x.json",
        "--version --help", "status --version", "status --instance -x", "metrics extra"})
    void anythingElseIsLeftToPicocli(String line) {
        assertEquals(OptionalInt.empty(), fast(line.split(" ")).exitCode(), line);
    }
}
