package pirsyncd.daemon;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pirsyncd metrics}: the status figures in Prometheus text format. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Print a running instance's figures in Prometheus text format.",
            "For node_exporter's textfile collector, e.g. from a timer:",
            "  pirsyncd metrics > DIR/pirsyncd.prom.tmp && mv DIR/pirsyncd.prom.tmp DIR/pirsyncd.prom",
            "Exit status: 0 printed, 69 not running, 75 not answering within 5 s, 77 not yours."})
final class MetricsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() {
        return ClientCommands.metrics(instance.clientLayout(), spec.commandLine().getOut());
    }
}
