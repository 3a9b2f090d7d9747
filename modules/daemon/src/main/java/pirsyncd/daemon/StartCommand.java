package pirsyncd.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import pirsyncd.config.PirsyncdConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirsyncd start}: validates the configuration here (so that mistakes show at once, exit
 * 78), then runs this same program as {@code run --background-child} with its output going to
 * {@code NAME.out}, and returns 0 only once the child's control socket answers, which it opens
 * after its watches are in place. If the child dies first, its error is printed and its exit
 * code returned.
 */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the daemon in the background; returns once it is watching.",
            "Takes the same options as run. Exits 0 once the daemon is up, or prints its error and exits non-zero.",
            "The log goes to NAME.log in the runtime directory (or log.file); early output to NAME.out."})
final class StartCommand implements Callable<Integer> {
    /** Environment variable the image's launcher script sets to its own path. */
    static final String LAUNCHER_VARIABLE = "PIRSYNCD_LAUNCHER";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The JSON config file (see docs/config.md).")
    Path config;

    @Mixin
    InstanceOptions instance;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for the daemon to be up (walking a big tree takes a while); default 120.")
    long startTimeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PirsyncdConfig effective = SettingsFlags.load(Optional.ofNullable(config),
                SettingsFlags.collect(spec.commandLine().getParseResult(), instance.instance()));
        RuntimeLayout layout = RuntimeLayout.resolve(instance.runtimeDir(), System.getenv(),
                DaemonLauncher.instanceName(effective));
        layout.createDirectory();
        Optional<OptionalLong> holder = InstanceLock.holder(layout.pidFile());
        if (holder.isPresent()) {
            throw DaemonLauncher.alreadyRunning(layout, holder.get());
        }
        List<String> command = new ArrayList<>(launcher());
        command.add("run");
        command.add("--background-child");
        command.addAll(withoutStartTimeout(DaemonLauncher.argumentsAfter(
                spec.commandLine().getParseResult().originalArgs(), "start")));
        Path console = layout.consoleFile();
        Files.deleteIfExists(console);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .redirectErrorStream(true);
        // the child finds the same runtime directory even when it came from the environment
        builder.environment().put("PIRSYNCD_RUNTIME_DIR", layout.directory().toString());
        Process child = builder.start();
        return awaitUp(child, layout, effective);
    }

    private int awaitUp(Process child, RuntimeLayout layout, PirsyncdConfig effective)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(startTimeoutSeconds).toNanos();
        ControlRequest status = new ControlRequest(ControlRequest.Command.STATUS, ControlRequest.Format.JSON);
        while (true) {
            if (!child.isAlive()) {
                throw childError(layout.consoleFile(), child.waitFor());
            }
            try {
                ControlClient.Reply reply = ControlClient.send(layout.socket(), status, Client.ANSWER_BOUND);
                if (reply.ok() && reply.statusNumber("pid").orElse(-1) == child.pid()) {
                    spec.commandLine().getOut().println("pirsyncd: instance \"" + layout.instance() + "\" started (pid "
                            + child.pid() + "); log: " + DaemonLauncher.logFile(effective, layout));
                    return ExitCodes.OK;
                }
            } catch (ControlClient.ControlException notYet) {
                // not listening yet: the child is still walking the tree
            }
            if (System.nanoTime() > deadline) {
                child.destroy();
                throw new UserError(ExitCodes.TEMPFAIL, "instance \"" + layout.instance() + "\" did not come up within "
                        + startTimeoutSeconds + " s and was stopped; see " + layout.consoleFile() + " and "
                        + DaemonLauncher.logFile(effective, layout) + ", or raise --start-timeout");
            }
            Thread.sleep(50); // polling the socket: the child has no other way to say it is up
        }
    }

    private static final java.util.regex.Pattern PID = java.util.regex.Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

    /** The pid in a status reply; -1 if none. */
    static long pidOf(String statusJson) {
        java.util.regex.Matcher matcher = PID.matcher(statusJson);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** A config error line, which starts with the place in the file: {@code www.json:12:5: }. */
    private static final java.util.regex.Pattern AT_FILE_POSITION = java.util.regex.Pattern.compile("^\\S.*?:\\d+:\\d+: .*");

    /**
     * What the child printed before it died, as it printed it: its own one-line errors (with
     * {@code pirsyncd: } or a config file position in front), and anything else (a JVM message)
     * marked as ours.
     */
    private static UserError childError(Path console, int code) throws IOException {
        int exitCode = code == 0 ? ExitCodes.SOFTWARE : code;
        List<String> lines = Files.exists(console)
                ? Files.readAllLines(console, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList()
                : List.of();
        if (lines.isEmpty()) {
            return new UserError(exitCode, "the daemon exited with status " + code
                    + " before it was up, without a message; see " + console);
        }
        List<String> shown = lines.subList(Math.max(0, lines.size() - 10), lines.size());
        return UserError.printedAsIs(exitCode, shown.stream()
                .map(l -> l.startsWith(UserError.PREFIX) || AT_FILE_POSITION.matcher(l).matches() ? l : UserError.PREFIX + l)
                .toList());
    }

    /** {@code --start-timeout} is ours, not the child's. */
    private static List<String> withoutStartTimeout(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--start-timeout")) {
                i++;
            } else if (!arg.startsWith("--start-timeout=")) {
                kept.add(arg);
            }
        }
        return kept;
    }

    /**
     * How to run this same program again: the image's launcher script when it told us its path,
     * else this JVM's own command line up to the main module (tests, a plain java command).
     */
    static List<String> launcher() {
        String script = System.getenv(LAUNCHER_VARIABLE);
        if (script != null && !script.isBlank()) {
            return List.of(script);
        }
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> jvm = new ArrayList<>();
        jvm.add(self.command().orElseThrow(() -> noLauncher("the java command of this process is unknown")));
        String[] arguments = self.arguments().orElseThrow(() -> noLauncher("the arguments of this process are unknown"));
        for (int i = 0; i < arguments.length; i++) {
            jvm.add(arguments[i]);
            if (arguments[i].equals("-m") || arguments[i].equals("--module")) {
                jvm.add(arguments[i + 1]);
                return jvm;
            }
            if (arguments[i].startsWith("--module=")) {
                return jvm;
            }
        }
        throw noLauncher("this process was not started with -m pirsyncd.daemon/...");
    }

    private static UserError noLauncher(String why) {
        return new UserError(ExitCodes.SOFTWARE, "start: cannot tell how to run pirsyncd again (" + why
                + "); run bin/pirsyncd from the image, or set " + LAUNCHER_VARIABLE + " to it");
    }
}
