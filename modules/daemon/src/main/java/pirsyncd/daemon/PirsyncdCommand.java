package pirsyncd.daemon;

import java.util.List;
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
        description = "Mirrors a directory tree to local, ssh and rsync-daemon destinations as it changes (inotify + rsync).")
final class PirsyncdCommand implements Runnable {
    /**
     * The subcommands in help order. Registered by {@link Main} rather than through the
     * annotation, so that a client command builds only its own model: picocli's reflection over
     * every command and the ~50 generated setting flags would otherwise cost {@code status} most
     * of its time budget. (A switch rather than a map of constructor references: the JDK 25 AOT
     * cache the image records crashed while archiving such a map.)
     */
    static final List<String> SUBCOMMANDS = List.of("run", "start", "stop", "status", "resync", "metrics", "check",
            "examples", "demo", "generate-completion");

    /** A new instance of the named subcommand; {@code demo} and {@code generate-completion} are hidden. */
    static Object subcommand(String name) {
        return switch (name) {
            case "run" -> new RunCommand();
            case "start" -> new StartCommand();
            case "stop" -> new StopCommand();
            case "status" -> new StatusCommand();
            case "resync" -> new ResyncCommand();
            case "metrics" -> new MetricsCommand();
            case "check" -> new CheckCommand();
            case "examples" -> new ExamplesCommand();
            // the README's guided demo, and the bash completion script shipped in the image
            case "demo" -> new DemoCommand();
            case "generate-completion" -> new AutoComplete.GenerateCompletion();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is needed");
    }
}
