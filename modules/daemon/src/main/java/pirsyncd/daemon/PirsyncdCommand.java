package pirsyncd.daemon;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code pirsyncd} command: only lists and dispatches to its subcommands. */
@Command(
        name = "pirsyncd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Mirrors a directory tree to local, ssh and rsync-daemon destinations as it changes (inotify + rsync).",
        subcommands = {
            RunCommand.class,
            StartCommand.class,
            StopCommand.class,
            StatusCommand.class,
            ResyncCommand.class,
            MetricsCommand.class,
            CheckCommand.class,
            ExamplesCommand.class,
            // hidden: the README's guided demo
            DemoCommand.class,
            // hidden: prints the bash completion script shipped in the image
            AutoComplete.GenerateCompletion.class,
        })
final class PirsyncdCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is needed");
    }
}
