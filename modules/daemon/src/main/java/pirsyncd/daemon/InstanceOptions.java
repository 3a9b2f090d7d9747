package pirsyncd.daemon;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --instance} and {@code --runtime-dir}: which daemon a command means. */
final class InstanceOptions {
    @Option(names = "--instance", paramLabel = "NAME",
            description = "The instance to address (default: the config's instance or file base name, else \"default\").")
    String instance;

    @Option(names = "--runtime-dir", paramLabel = "DIR", defaultValue = "${env:PIRSYNCD_RUNTIME_DIR}",
            description = "Where the control socket, pid file and log live (env PIRSYNCD_RUNTIME_DIR; default "
                    + "$XDG_RUNTIME_DIR/pirsyncd, or /run/pirsyncd for root).")
    Path runtimeDir;

    Optional<String> instance() {
        return Optional.ofNullable(instance);
    }

    Optional<Path> runtimeDir() {
        return Optional.ofNullable(runtimeDir);
    }

    /** The layout for a client command, which knows the instance from the flag alone. */
    RuntimeLayout clientLayout() {
        InstanceName name = instance().map(InstanceName::new).orElse(InstanceName.DEFAULT);
        return RuntimeLayout.resolve(runtimeDir(), System.getenv(), name);
    }
}
