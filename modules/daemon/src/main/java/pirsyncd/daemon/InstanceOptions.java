package pirsyncd.daemon;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --instance} and {@code --runtime-dir}: which daemon a command means. */
final class InstanceOptions {
    @Option(names = "--instance", paramLabel = "NAME",
            description = "The instance to address (default: the config's instance or file base name, else \"default\").")
    String instance;

    // no picocli default from ${env:...}: an empty PIRSYNCD_RUNTIME_DIR would become the current
    // directory; RuntimeLayout reads the variable itself and treats empty as unset. A Path, so that
    // bash completion offers file names.
    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "Where the control socket, pid file and log live (env PIRSYNCD_RUNTIME_DIR; default "
                    + "$XDG_RUNTIME_DIR/pirsyncd, or /run/pirsyncd for root). A folder others may write to,"
                    + " like /tmp, gets a private subfolder pirsyncd-UID.")
    Path runtimeDir;

    Optional<String> instance() {
        return Optional.ofNullable(instance);
    }

    Optional<String> runtimeDir() {
        return Optional.ofNullable(runtimeDir).map(Path::toString);
    }

    /** The layout for a client command, which knows the instance from the flag alone. */
    RuntimeLayout clientLayout() {
        return layoutFor(instance(), runtimeDir());
    }

    /** The layout a client command addresses with these flags (and PIRSYNCD_RUNTIME_DIR). */
    static RuntimeLayout layoutFor(Optional<String> instance, Optional<String> runtimeDir) {
        InstanceName name = instance.map(InstanceName::new).orElse(InstanceName.DEFAULT);
        return RuntimeLayout.resolve(runtimeDir, System.getenv(), name);
    }
}
