package pirsyncd.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
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
            "Stopping an instance that is not running is not an error (exit 0)."})
final class StopCommand implements Callable<Integer> {
    /** How long the process may take to exit once it has answered. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() throws InterruptedException {
        RuntimeLayout layout = instance.clientLayout();
        OptionalLong pid = holder(layout).orElse(OptionalLong.empty());
        ControlClient.Reply reply;
        try {
            reply = Client.call(layout, new ControlRequest(ControlRequest.Command.STOP, ControlRequest.Format.TEXT),
                    StatusCommand.NOT_RUNNING);
        } catch (UserError e) {
            if (e.exitCode() == StatusCommand.NOT_RUNNING) {
                spec.commandLine().getOut().println("pirsyncd: " + e.getMessage());
                return ExitCodes.OK;
            }
            throw e;
        }
        long deadline = System.nanoTime() + EXIT_BOUND.toNanos();
        // gone means: lock released (files removed) and the process itself ended
        while (holder(layout).isPresent() || (pid.isPresent() && alive(pid.getAsLong()))) {
            if (System.nanoTime() > deadline) {
                throw new UserError(ExitCodes.TEMPFAIL, "instance \"" + layout.instance() + "\" answered the stop but"
                        + " has not exited after " + EXIT_BOUND.toSeconds() + " s; see its log in " + layout.directory());
            }
            Thread.sleep(20); // polling the pid file lock: there is no way to wait on another process's lock
        }
        spec.commandLine().getOut().println("pirsyncd: " + reply.message().orElse("stopped"));
        return ExitCodes.OK;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Optional<OptionalLong> holder(RuntimeLayout layout) {
        try {
            return InstanceLock.holder(layout.pidFile());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
