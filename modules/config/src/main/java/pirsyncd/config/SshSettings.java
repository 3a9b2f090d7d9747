package pirsyncd.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run ssh for an ssh destination (rsync's {@code -e ssh ...}).
 *
 * @param port {@code ssh -p}, when set
 * @param identityFile {@code ssh -i}, when set; an existing private key
 * @param options {@code ssh -o} values, each {@code Name=value}
 */
public record SshSettings(OptionalInt port, Optional<Path> identityFile, List<String> options) {
    public SshSettings {
        options = List.copyOf(options);
    }

    /** Nothing set: ssh uses its own defaults and ~/.ssh/config. */
    public static final SshSettings DEFAULTS = new SshSettings(OptionalInt.empty(), Optional.empty(), List.of());
}
