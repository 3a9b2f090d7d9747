package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every subcommand through the real picocli command line, in this JVM: help, usage errors, config errors. */
@Timeout(60)
class CommandLineTest {
    @TempDir
    Path temp;

    record Outcome(int exitCode, String out, String err) {}

    static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "start", "stop", "status", "resync", "metrics", "check", "examples"})
    void everySubcommandHasHelp(String subcommand) {
        Outcome help = execute(subcommand, "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: pirsyncd " + subcommand), help.out());
    }

    @Test
    void topLevelHelpListsTheSubcommandsButNotTheHiddenOnes() {
        Outcome help = execute("--help");
        for (String subcommand : List.of("run", "start", "stop", "status", "resync", "metrics", "check", "examples")) {
            assertTrue(help.out().contains("\n  " + subcommand + " "), subcommand + " missing:\n" + help.out());
        }
        assertTrue(!help.out().contains("generate-completion"), help.out());
    }

    @Test
    void everyConfigSettingIsAFlagOfRunStartAndCheck() {
        for (String subcommand : List.of("run", "start", "check")) {
            String help = execute(subcommand, "--help").out();
            for (var example : pirsyncd.config.ConfigExamples.all()) {
                if (!example.key().equals("targets")) {
                    assertTrue(help.contains(example.flagName()), subcommand + " lacks " + example.flagName());
                }
            }
        }
    }

    @Test
    void generateCompletionWritesTheScriptForTheWholeCommandLine() {
        StringWriter out = new StringWriter();
        String[] args = {"generate-completion"};
        var commandLine = Main.commandLineFor(args);
        commandLine.setOut(new PrintWriter(out, true));
        assertEquals(0, commandLine.execute(args));
        assertEquals(picocli.AutoComplete.bash("pirsyncd", Main.commandLine()).strip(), out.toString().strip());
    }

    @Test
    void aWrongOptionIsOneLineAndExit64() {
        Outcome bad = execute("status", "--jsn");
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertEquals("pirsyncd: Unknown option: '--jsn'; see: pirsyncd status --help\n", bad.err());
    }

    @Test
    void noSubcommandIsAUsageError() {
        Outcome none = execute();
        assertEquals(ExitCodes.USAGE, none.exitCode());
        assertEquals("pirsyncd: a subcommand is needed; see: pirsyncd --help\n", none.err());
    }

    @Test
    void examplesPrintsEverySettingOrOne() {
        Outcome all = execute("examples");
        assertEquals(0, all.exitCode());
        assertTrue(all.out().contains("config: \"delay\": 0.5") && all.out().contains("flag:   --ssh-port 2222"), all.out());
        Outcome one = execute("examples", "--delay");
        assertTrue(one.out().startsWith("delay\n"), one.out());
        Outcome unknown = execute("examples", "nonsense");
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertEquals("pirsyncd: examples: no setting or parameter is called \"nonsense\"; run pirsyncd examples to list"
                + " them all\n", unknown.err());
    }

    @Test
    void examplesCoverEveryOptionOfEveryCommandAndTheEnvironment() {
        var commandLine = Main.commandLine();
        List<String> missing = new java.util.ArrayList<>();
        for (var subcommand : commandLine.getSubcommands().values()) {
            if (subcommand.getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            for (var option : subcommand.getCommandSpec().options()) {
                if (option.hidden()) {
                    continue;
                }
                for (String name : option.names()) {
                    // examples has --help and --version of its own: those are asked for without dashes
                    boolean ownOption = List.of("-h", "--help", "-V", "--version").contains(name);
                    Outcome example = execute("examples", ownOption ? name.replaceFirst("^-+", "") : name);
                    if (example.exitCode() != 0 || !example.out().contains(name)) {
                        missing.add(subcommand.getCommandName() + " " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "options without an example");
        for (String variable : List.of("PIRSYNCD_RUNTIME_DIR", "PIRSYNCD_DEBUG", "PIRSYNCD_JAVA_OPTS")) {
            assertEquals(0, execute("examples", variable).exitCode(), variable);
        }
    }

    @Test
    void examplesOfACommandLineOptionShowItsUse() {
        Outcome runtimeDir = execute("examples", "--runtime-dir");
        assertEquals(0, runtimeDir.exitCode(), runtimeDir.err());
        assertTrue(runtimeDir.out().startsWith("--runtime-dir, PIRSYNCD_RUNTIME_DIR ("), runtimeDir.out());
        assertTrue(runtimeDir.out().contains("  e.g.:  PIRSYNCD_RUNTIME_DIR=/srv/pirsyncd/run pirsyncd status --instance www\n"),
                runtimeDir.out());
        Outcome instance = execute("examples", "--instance");
        assertTrue(instance.out().startsWith("instance\n") && instance.out().contains("pirsyncd status --instance www"),
                "the setting and the client option: " + instance.out());
        Outcome all = execute("examples");
        assertTrue(all.out().contains("\nParameters of the command line alone, and environment variables:\n"), all.out());
        assertTrue(all.out().contains("\n--json (status)\n"), all.out());
    }

    @Test
    void checkPrintsTheEffectiveSettingsAndTheRsyncCommandLines() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Path destination = temp.resolve("dst");
        Path config = temp.resolve("www.json");
        Files.writeString(config, "{\"source\": \"" + source + "\", \"targets\": [{\"destination\": \"" + destination
                + "\"}], \"delay\": 2}");
        Outcome check = execute("check", "--config", config.toString(), "--delay", "0.5");
        assertEquals(0, check.exitCode(), check.err());
        assertTrue(check.out().contains("instance: www"), check.out());
        assertTrue(check.out().contains("delay: 0.5 s"), "the flag beats the file:\n" + check.out());
        assertTrue(check.out().contains("full:  rsync -a --delete"), check.out());
        Path runtime = temp.resolve("rt");
        Outcome withRuntime = execute("check", "--config", config.toString(), "--runtime-dir", runtime.toString());
        for (String line : List.of("log.file: " + runtime.resolve("www.log") + " (the default, NAME.log in the runtime folder)",
                "runtime folder: " + runtime, "  control socket: " + runtime.resolve("www.sock"),
                "  pid file: " + runtime.resolve("www.pid"),
                "  log file: " + runtime.resolve("www.log") + " (start; run logs to stderr)")) {
            assertTrue(withRuntime.out().contains(line + "\n"), line + " missing in:\n" + withRuntime.out());
        }
        assertTrue(!Files.exists(runtime), "check creates nothing");
        assertTrue(check.out().contains("--from0 --files-from=-"), check.out());
    }

    @Test
    void configErrorsAreOneLineEachAndExit78ForCheckRunAndStart() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Path config = temp.resolve("bad.json");
        Files.writeString(config, "{\n  \"source\": \"" + source + "\",\n  \"targets\": [{\"destination\": \""
                + source.resolve("inside") + "\"}],\n  \"dealy\": 1\n}\n");
        for (String subcommand : List.of("check", "run", "start")) {
            Outcome bad = execute(subcommand, "--config", config.toString(), "--runtime-dir", temp.resolve("rt").toString());
            assertEquals(ExitCodes.CONFIG, bad.exitCode(), subcommand + ": " + bad.err());
            List<String> lines = bad.err().lines().toList();
            assertEquals(2, lines.size(), subcommand + ": " + bad.err());
            // exactly FILE:LINE:COL: FIELD: message, with nothing in front, so that editors jump to it
            assertTrue(lines.stream().allMatch(line -> line.matches(java.util.regex.Pattern.quote(config.toString())
                    + ":\\d+:\\d+: .*")), bad.err());
            assertTrue(bad.err().contains("dealy") && bad.err().contains("inside the source"), bad.err());
            assertTrue(!bad.err().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void aBadFlagIsAConfigErrorPrefixedWithTheProgramName() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Outcome bad = execute("check", "--source", source.toString(), "--destination", temp.resolve("dst").toString(),
                "--delay", "abc");
        assertEquals(ExitCodes.CONFIG, bad.exitCode());
        assertEquals("pirsyncd: --delay: \"abc\" is not a number of seconds; write e.g. 0.5\n", bad.err());
    }

    @Test
    void aMissingConfigFileIsAConfigError() {
        Outcome missing = execute("check", "--config", temp.resolve("nope.json").toString());
        assertEquals(ExitCodes.CONFIG, missing.exitCode());
        assertTrue(missing.err().startsWith("pirsyncd: " + temp.resolve("nope.json")), missing.err());
    }

    @Test
    void clientCommandsSayWhenTheInstanceIsNotRunning() {
        String runtime = temp.resolve("rt").toString();
        Outcome status = execute("status", "--runtime-dir", runtime, "--instance", "ghost");
        assertEquals(StatusCommand.NOT_RUNNING, status.exitCode());
        assertEquals("pirsyncd: instance \"ghost\" is not running (nothing listens on " + runtime + "/ghost.sock)\n",
                status.err());
        assertEquals(ExitCodes.UNAVAILABLE, execute("resync", "--runtime-dir", runtime, "--instance", "ghost").exitCode());
        assertEquals(ExitCodes.UNAVAILABLE, execute("metrics", "--runtime-dir", runtime, "--instance", "ghost").exitCode());
        Outcome stop = execute("stop", "--runtime-dir", runtime, "--instance", "ghost");
        assertEquals(0, stop.exitCode(), "stopping what is not running is fine");
        assertTrue(stop.out().contains("is not running"), stop.out());
    }

    @Test
    void aBadInstanceNameSaysWhatIsAllowed() {
        Outcome bad = execute("status", "--instance", "../etc");
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertTrue(bad.err().startsWith("pirsyncd: --instance: \"../etc\" is not a valid instance name"), bad.err());
    }

    @Test
    void aRuntimeDirTooLongForASocketIsRefusedWithTheFix() {
        String deep = temp.resolve("x".repeat(120)).toString();
        Outcome bad = execute("status", "--runtime-dir", deep);
        assertEquals(ExitCodes.CONFIG, bad.exitCode());
        assertTrue(bad.err().contains("longer than the 107 a Unix socket allows; choose a shorter --runtime-dir"), bad.err());
    }
}
