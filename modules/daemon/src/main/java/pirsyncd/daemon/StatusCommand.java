package pirsyncd.daemon;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pirsyncd status}: a running instance's state, as a table or as JSON. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a running instance's state.",
            "Watches (and unwatched parts), pending changes, and per destination: state, next run, last success,",
            "last error, failures in a row, counters. Fields: docs/config.md, \"Status and metrics\".",
            "Exit status: 0 running, 3 not running, 75 not answering within 5 s, 77 not yours."})
final class StatusCommand implements Callable<Integer> {
    /** LSB init-script convention for "program is not running", which scripts and systemd know. */
    static final int NOT_RUNNING = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Option(names = "--json", description = "Print JSON for scripts: instance, pid, uptime, watches, pending, targets[].")
    boolean json;

    @Override
    public Integer call() {
        return ClientCommands.status(instance.clientLayout(), json, spec.commandLine().getOut());
    }
}
