package pirsyncd.daemon;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * The daemon module's own log tags, so that every message has a tag a user can set a level for
 * ({@code log.levels.daemon}, {@code log.levels.config}): {@code daemon} for the instance's life
 * (start, stop, signals, systemd), {@code config} for the configuration it runs with. The control
 * socket logs under {@code control} ({@link ControlServer}), transfers under {@code rsync}.
 *
 * <p>A holder class of its own: tinylog freezes its configuration when its {@code Logger} class is
 * first touched, so these fields must not be created before {@link Logging#configure} ran, which
 * a static field in {@link DaemonLauncher} (loaded before it configures) would do.
 */
final class DaemonLog {
    private DaemonLog() {}

    /** Start, stop, signals, pid file, systemd: the instance's own messages. */
    static final TaggedLogger DAEMON = Logger.tag("daemon");

    /** The configuration loaded: where it came from and, at debug, every effective setting. */
    static final TaggedLogger CONFIG = Logger.tag("config");
}
