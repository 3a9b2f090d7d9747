package pirsyncd.daemon;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pirsyncd stop}: the daemon flushes pending changes with a final sync (bounded by its
 * shutdown timeout), answers with what became of them, and exits; we wait until it is gone.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop a running instance after a final sync of pending changes.",
            "The final sync is bounded by shutdownTimeout and its outcome reported.",
            "Exit status: 0 stopped after a complete final sync, or not running;",
            "  1 stopped, but the final sync did not finish within shutdownTimeout (changes left unsynced;",
            "    the next start's initial full sync catches up);",
            "  75 no answer within shutdownTimeout + 30 s (stopped with SIGSTOP, or stuck); 77 not yours."})
final class StopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() throws InterruptedException {
        return ClientCommands.stop(instance.clientLayout(), spec.commandLine().getOut());
    }
}
