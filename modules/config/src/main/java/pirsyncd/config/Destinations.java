package pirsyncd.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Destination syntax and the rules that keep a mirror from eating its own source. The syntax is
 * rsync's (rsync(1), "USAGE" and "CONNECTING TO AN RSYNC DAEMON"): {@code rsync://} or a
 * {@code ::} before the first slash means an rsync daemon, a single {@code :} before the first
 * slash means a remote shell, anything else is local.
 */
final class Destinations {
    private Destinations() {}

    static DestinationKind kind(String destination) {
        if (destination.startsWith("rsync://")) {
            return DestinationKind.RSYNC_DAEMON;
        }
        // a bracketed IPv6 host ([::1]:path, user@[::1]:path) has colons of its own
        int searchFrom = 0;
        int bracket = destination.indexOf('[');
        if (bracket >= 0 && bracket == destination.indexOf('@') + 1 && destination.indexOf(']') > bracket) {
            searchFrom = destination.indexOf(']');
        }
        int colon = destination.indexOf(':', searchFrom);
        int slash = destination.indexOf('/');
        if (colon < 0 || (slash >= 0 && slash < colon)) {
            return DestinationKind.LOCAL;
        }
        return destination.startsWith("::", colon) ? DestinationKind.RSYNC_DAEMON : DestinationKind.SSH;
    }

    /** A syntax problem with a remote destination, as a message with the fix. */
    static Optional<String> remoteSyntaxProblem(String destination, DestinationKind kind) {
        return switch (kind) {
            case LOCAL -> Optional.empty();
            case SSH -> destination.startsWith(":") || destination.startsWith("@")
                    ? Optional.of("\"" + destination + "\" names no host; write [user@]host:/path")
                    : Optional.empty();
            case RSYNC_DAEMON -> {
                String rest = destination.startsWith("rsync://")
                        ? destination.substring("rsync://".length())
                        : destination.substring(destination.indexOf("::") + 2);
                String host = destination.startsWith("rsync://")
                        ? rest.substring(0, Math.max(0, rest.indexOf('/')))
                        : destination.substring(0, destination.indexOf("::"));
                if (host.isEmpty() || host.endsWith("@")) {
                    yield Optional.of("\"" + destination + "\" names no host; write host::module/path or rsync://host/module/path");
                }
                String module = destination.startsWith("rsync://") ? rest.substring(rest.indexOf('/') + 1) : rest;
                yield module.isEmpty() || module.startsWith("/")
                        ? Optional.of("\"" + destination + "\" names no module; write host::module/path or rsync://host/module/path")
                        : Optional.empty();
            }
        };
    }

    /**
     * A local path made absolute against {@code base}, normalized, and with symlinks resolved as
     * far as the path exists: two spellings of one folder compare equal.
     */
    static Path resolveLocal(Path base, String text) throws InvalidPathException {
        Path absolute = base.resolve(text).toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** Why a local destination cannot be used with this (real) source, if it cannot. */
    static Optional<String> overlapProblem(String written, Path destination, Path source) {
        if (destination.equals(source)) {
            return Optional.of("\"" + written + "\" is the source itself; choose a folder outside it");
        }
        if (destination.startsWith(source)) {
            return Optional.of("\"" + written + "\" lies inside the source; choose a folder outside it");
        }
        if (source.startsWith(destination)) {
            return Optional.of("\"" + written + "\" contains the source, so mirroring would delete the rest of it; choose a folder outside the source");
        }
        return Optional.empty();
    }
}
