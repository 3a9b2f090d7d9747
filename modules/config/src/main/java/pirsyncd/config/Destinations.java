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

    /**
     * Why a local destination cannot be used with this (real) source, if it cannot. When a symlink
     * in the written path is what leads into the source, the message says where it leads.
     */
    static Optional<String> overlapProblem(String written, Path base, Path destination, Path source) {
        String via = viaSymlink(written, base, destination).map(real -> " (it resolves to " + real + ")").orElse("");
        if (destination.equals(source)) {
            return Optional.of("\"" + written + "\"" + via + " is the source itself; choose a folder outside it");
        }
        if (destination.startsWith(source)) {
            return Optional.of("\"" + written + "\"" + via + " lies inside the source; choose a folder outside it");
        }
        if (source.startsWith(destination)) {
            return Optional.of("\"" + written + "\"" + via
                    + " contains the source, so mirroring would delete the rest of it; choose a folder outside the source");
        }
        return Optional.empty();
    }

    /** The real path, if a symlink within the written part of the path changed it. */
    private static Optional<Path> viaSymlink(String written, Path base, Path resolved) {
        Path lexical;
        try {
            lexical = resolveLocal(base, ".").resolve(written).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return lexical.equals(resolved) ? Optional.empty() : Optional.of(resolved);
    }
}
