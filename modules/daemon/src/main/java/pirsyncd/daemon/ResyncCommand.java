package pirsyncd.daemon;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pirsyncd resync}: queue a full sync of every destination; returns once it is queued. */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = "Queue a full sync of every destination; returns once it is queued.")
final class ResyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() {
        RuntimeLayout layout = instance.clientLayout();
        ControlClient.Reply reply = Client.call(layout,
                new ControlRequest(ControlRequest.Command.RESYNC, ControlRequest.Format.TEXT), ExitCodes.UNAVAILABLE);
        spec.commandLine().getOut().println("pirsyncd: " + reply.message().orElse("full sync queued"));
        return ExitCodes.OK;
    }
}
