package pirsyncd.config;

import java.util.Objects;
import pirsyncd.rsync.Destination;
import pirsyncd.rsync.TransferOptions;

/**
 * One destination with its effective rsync options: the launcher's defaults, overridden by the
 * file's top-level options, by the target's own, and by flags.
 *
 * @param name unique among the targets; the destination as written unless named
 * @param destination where to mirror to; a local destination is absolute, normalized and has its
 *     existing symlinks resolved
 * @param options the rsync options for this target (its {@code excludes} are the config's)
 */
public record Target(String name, Destination destination, TransferOptions options) {
    public Target {
        Objects.requireNonNull(name);
        Objects.requireNonNull(destination);
        Objects.requireNonNull(options);
    }
}
