package pirsyncd.daemon;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Subcommands whose issue has not landed yet: each says so plainly and exits 70 (EX_SOFTWARE),
 * rather than pretending. Each class leaves this file when its real implementation arrives.
 */
final class NotYetImplemented {
    private NotYetImplemented() {}

    /** Shared body: one line on stderr, non-zero exit. */
    abstract static class Placeholder implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println(
                    "pirsyncd " + spec.name() + ": not implemented yet in this build");
            return 70;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Watch and mirror in the foreground.")
    static final class Run extends Placeholder {}

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a daemon in the background.")
    static final class Start extends Placeholder {}

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a config file and show the effective settings.")
    static final class Check extends Placeholder {}

    @Command(name = "examples", mixinStandardHelpOptions = true, description = "Print a worked example for every option.")
    static final class Examples extends Placeholder {}
}
