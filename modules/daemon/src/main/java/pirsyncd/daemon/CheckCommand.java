package pirsyncd.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import pirsyncd.config.ConfigOverrides;
import pirsyncd.config.PirsyncdConfig;
import pirsyncd.config.Target;
import pirsyncd.rsync.RsyncTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirsyncd check}: validates the configuration (file and flags) exactly as {@code run}
 * would, prints the effective settings and the rsync command lines each target would run, and
 * starts nothing.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate a configuration; print the effective settings, the runtime folder, socket, pid and",
            "log file it would use, and the rsync command lines. Starts nothing.",
            "Exit status: 0 valid, 78 invalid (one line per problem)."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The JSON config file (see docs/config.md).")
    Path config;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() throws InterruptedException {
        ConfigOverrides overrides = SettingsFlags.collect(spec.commandLine().getParseResult(), instance.instance());
        PirsyncdConfig effective = SettingsFlags.load(Optional.ofNullable(config), overrides);
        PrintWriter out = spec.commandLine().getOut();
        // where run and start would put their files: resolved as they do, nothing created
        RuntimeLayout layout = RuntimeLayout.resolve(instance.runtimeDir(), System.getenv(),
                DaemonLauncher.instanceName(effective));
        out.println(effective.describe(layout.defaultLogFile()).stripTrailing());
        out.println();
        out.println("runtime folder: " + layout.describeDirectory());
        out.println("  control socket: " + layout.socket());
        out.println("  pid file: " + layout.pidFile());
        out.println("  log file: " + DaemonLauncher.logFile(effective, layout) + " (start; run logs to stderr)");
        out.println("  early output of start: " + layout.consoleFile());
        for (Target target : effective.targets()) {
            RsyncTransfer transfer = new RsyncTransfer(effective.source(), target.destination(), target.options(),
                    target.name());
            out.println();
            out.println("rsync command lines for target \"" + target.name() + "\":");
            try {
                out.println(transfer.commands().describe());
            } catch (IOException e) {
                throw new UserError(ExitCodes.UNAVAILABLE, "targets: \"" + target.name() + "\": cannot run "
                        + target.options().rsyncPath() + " --version (" + Describe.ioError(e)
                        + "); install rsync or set rsyncPath");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
