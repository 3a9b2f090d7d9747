package pirsyncd.schedule;

import java.util.Objects;
import pirsyncd.model.Transfer;

/**
 * One destination the scheduler keeps in sync.
 *
 * @param name the target's name, as the config and {@code status} show it
 * @param destinationDisplay the destination for people (e.g. {@code backup@host:/srv/mirror}), never a password
 * @param transfer what carries out this destination's batches
 */
public record TargetSpec(String name, String destinationDisplay, Transfer transfer) {
    public TargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destinationDisplay, "destinationDisplay");
        Objects.requireNonNull(transfer, "transfer");
    }
}
