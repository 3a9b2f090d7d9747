package pirsyncd.daemon;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pirsyncd resync}: queue a full sync of every destination; returns once it is queued. */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = {"Queue a full sync of every destination; returns once it is queued.",
            "Exit status: 0 queued, 69 not running, 75 not answering within 5 s, 77 not yours."})
final class ResyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() {
        return ClientCommands.resync(instance.clientLayout(), spec.commandLine().getOut());
    }
}
