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
            "Watches, pending changes, and per destination: state, last success, last error, counters.",
            "Exit status: 0 running, 3 not running, 77 not yours."})
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
        RuntimeLayout layout = instance.clientLayout();
        ControlRequest.Format format = json ? ControlRequest.Format.JSON : ControlRequest.Format.TEXT;
        ControlClient.Reply reply = Client.call(layout, new ControlRequest(ControlRequest.Command.STATUS, format),
                NOT_RUNNING);
        String out = json ? reply.statusJson().orElse("{}") : reply.text().orElse("");
        spec.commandLine().getOut().print(out.endsWith("\n") ? out : out + "\n");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
