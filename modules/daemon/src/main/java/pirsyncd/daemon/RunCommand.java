package pirsyncd.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import pirsyncd.config.PirsyncdConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pirsyncd run}: watch and mirror in the foreground, logging to stderr, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Watch and mirror in the foreground, logging to stderr.",
            "Runs until stopped (pirsyncd stop, SIGTERM or Ctrl-C); pending changes are flushed by a final sync first.",
            "Give a config file, or --source and --destination; every setting below overrides the file."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The JSON config file (see docs/config.md).")
    Path config;

    @Mixin
    InstanceOptions instance;

    /** Set by {@code start} for its child: detach into a session of our own and log to a file. */
    @Option(names = "--background-child", hidden = true)
    boolean backgroundChild;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PirsyncdConfig effective = SettingsFlags.load(Optional.ofNullable(config),
                SettingsFlags.collect(spec.commandLine().getParseResult(), instance.instance()));
        RuntimeLayout layout = RuntimeLayout.resolve(instance.runtimeDir(), System.getenv(),
                DaemonLauncher.instanceName(effective));
        return DaemonLauncher.run(effective, layout, backgroundChild);
    }
}
