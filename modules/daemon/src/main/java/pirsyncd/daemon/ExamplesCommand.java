package pirsyncd.daemon;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import pirsyncd.config.ConfigExample;
import pirsyncd.config.ConfigExamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pirsyncd examples [OPTION]}: a worked example for every setting, or for one. */
@Command(name = "examples", mixinStandardHelpOptions = true,
        description = "Print a worked example (config and flag) for every setting, or the one named.")
final class ExamplesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "OPTION",
            description = "A config key (delay, ssh.port), a flag (--delay) or a key's last part (port).")
    String option;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (option == null) {
            boolean first = true;
            for (ConfigExample example : ConfigExamples.all()) {
                if (!first) {
                    out.println();
                }
                out.print(example.render());
                first = false;
            }
            out.flush();
            return ExitCodes.OK;
        }
        Optional<ConfigExample> example = ConfigExamples.find(option);
        if (example.isEmpty()) {
            throw new UserError(ExitCodes.USAGE, "examples: no setting is called \"" + option
                    + "\"; run pirsyncd examples to list them all");
        }
        out.print(example.get().render());
        out.flush();
        return ExitCodes.OK;
    }
}
