package pirsyncd.rsync;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where one target mirrors the source, written in rsync's own syntax so an admin needs nothing new:
 *
 * <ul>
 *   <li>{@link Local}: {@code /srv/mirror}, {@code ./a:b} (a ':' after a '/' keeps it local);
 *   <li>{@link Ssh}: {@code [user@]host:path}, e.g. {@code backup@nas:/srv/mirror};
 *   <li>{@link RsyncDaemon}: {@code rsync://[user@]host[:port]/module/path} or
 *       {@code [user@]host::module/path}, e.g. {@code rsync://mirror@nas:8730/data/www}.
 * </ul>
 *
 * <p>rsync's rule (rsync(1), "USAGE"): an argument is remote when it has a ':' before its first '/';
 * a double colon or an {@code rsync://} prefix means the rsync daemon protocol.
 */
public sealed interface Destination {

    /** The destination as the user would write it, for logs, {@code status} and {@code check}. */
    String display();

    /**
     * Parses a destination in rsync syntax.
     *
     * @throws IllegalArgumentException with a one-line message saying what is wrong and how to write it
     */
    static Destination parse(String text) {
        return DestinationParser.parse(text);
    }

    /** A directory on this machine. */
    record Local(Path directory) implements Destination {
        public Local {
            Objects.requireNonNull(directory);
        }

        @Override
        public String display() {
            return directory.toString();
        }
    }

    /**
     * A directory on another machine, reached by ssh with a password-less key.
     *
     * @param user the login name, or empty for ssh's default (the local user or ~/.ssh/config)
     * @param host a host name or address; an IPv6 address without brackets
     * @param path the remote directory; relative paths are relative to the remote home directory
     */
    record Ssh(Optional<String> user, String host, String path) implements Destination {
        public Ssh {
            Objects.requireNonNull(user);
            Objects.requireNonNull(host);
            Objects.requireNonNull(path);
        }

        /** {@code [user@]host} as ssh takes it. */
        public String login() {
            return user.map(u -> u + "@").orElse("") + host;
        }

        @Override
        public String display() {
            return user.map(u -> u + "@").orElse("") + bracketed(host) + ":" + path;
        }
    }

    /**
     * A module of an rsync daemon ({@code rsync --daemon}); it cannot rename, so moves become a
     * delete and a send.
     *
     * @param user the rsync user named in the daemon's {@code auth users}, or empty for anonymous
     * @param host a host name or address
     * @param port the daemon's TCP port, or empty for 873
     * @param module the module name from the daemon's rsyncd.conf
     * @param path the directory inside the module, without leading or trailing slash; empty for the module root
     */
    record RsyncDaemon(Optional<String> user, String host, OptionalInt port, String module, String path)
            implements Destination {
        public RsyncDaemon {
            Objects.requireNonNull(user);
            Objects.requireNonNull(host);
            Objects.requireNonNull(port);
            Objects.requireNonNull(module);
            Objects.requireNonNull(path);
        }

        /** {@code rsync://[user@]host[:port]/module/path}, the form that can carry a port. */
        public String url() {
            StringBuilder url = new StringBuilder("rsync://");
            user.ifPresent(u -> url.append(u).append('@'));
            url.append(bracketed(host));
            port.ifPresent(p -> url.append(':').append(p));
            url.append('/').append(module);
            if (!path.isEmpty()) {
                url.append('/').append(path);
            }
            return url.toString();
        }

        @Override
        public String display() {
            return url();
        }
    }

    private static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
