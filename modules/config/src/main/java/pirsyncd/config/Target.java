package pirsyncd.config;

import java.util.Objects;

/**
 * One destination with its effective rsync options (the file's top-level options, overridden by
 * the target's own, overridden by flags).
 *
 * @param name unique among the targets; the destination as written unless named
 * @param destination in rsync syntax; a local destination is an absolute, normalized path
 * @param kind how rsync reaches it
 * @param transfer the rsync options for this target
 */
public record Target(String name, String destination, DestinationKind kind, TransferSettings transfer) {
    public Target {
        Objects.requireNonNull(name);
        Objects.requireNonNull(destination);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(transfer);
    }
}
