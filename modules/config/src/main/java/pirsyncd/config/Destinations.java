package pirsyncd.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rules that keep a local mirror from eating its own source; the destination syntax itself
 * is the launcher's ({@code pirsyncd.rsync.Destination.parse}).
 */
final class Destinations {
    private Destinations() {}

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
