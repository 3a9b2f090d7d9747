package pirsyncd.daemon;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import pirsyncd.config.ConfigExample;
import pirsyncd.config.ConfigExamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pirsyncd examples [OPTION]}: a worked example for every setting ({@link ConfigExamples})
 * and every other parameter of the command line and environment ({@link CommandExamples}), or
 * for the one named.
 */
@Command(name = "examples", mixinStandardHelpOptions = true,
        description = {"Print a worked example for every setting and parameter, or for the one named.",
            "Settings (config key and flag) come first, then options of the command line alone and",
            "environment variables."})
final class ExamplesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "OPTION",
            description = "A config key (delay, ssh.port), a flag (--delay, --runtime-dir), a key's last part (port)"
                    + " or an environment variable (PIRSYNCD_RUNTIME_DIR).")
    String option;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> blocks = new ArrayList<>();
        if (option == null) {
            ConfigExamples.all().forEach(example -> blocks.add(example.render()));
            blocks.add("Parameters of the command line alone, and environment variables:\n");
            CommandExamples.all().forEach(example -> blocks.add(example.render()));
        } else {
            ConfigExamples.find(option).map(ConfigExample::render).ifPresent(blocks::add);
            CommandExamples.find(option).forEach(example -> blocks.add(example.render()));
        }
        if (blocks.isEmpty()) {
            throw new UserError(ExitCodes.USAGE, "examples: no setting or parameter is called \"" + option
                    + "\"; run pirsyncd examples to list them all");
        }
        out.print(String.join("\n", blocks));
        out.flush();
        return ExitCodes.OK;
    }
}
