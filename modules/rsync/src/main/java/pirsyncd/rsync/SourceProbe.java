package pirsyncd.rsync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import pirsyncd.model.RelativePath;

/**
 * Whether a path is gone from the source, or there but not a directory, for the pre-3.1 fallback
 * only (newer rsync decides that itself with {@code --delete-missing-args}). A Java path can only
 * spell a UTF-8 name (an ASCII one only, under an ASCII locale), so a name it cannot spell counts as
 * a present directory: it is then sent without its content, and if it was in fact deleted and not empty (or a file replacing a
 * directory), the next full transfer removes it.
 */
final class SourceProbe {
    private SourceProbe() {}

    static boolean missing(Path sourceRoot, RelativePath path) {
        Optional<Path> resolved = javaPath(sourceRoot, path);
        return resolved.isPresent() && !Files.exists(resolved.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /** True if the path is there and is not a directory (a file, a link, a device...). */
    static boolean notADirectory(Path sourceRoot, RelativePath path) {
        Optional<Path> resolved = javaPath(sourceRoot, path);
        return resolved.isPresent() && Files.exists(resolved.get(), LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(resolved.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The path as Java spells it; empty for the root, for a name that is not UTF-8, and for one that
     * is not ASCII when the daemon runs under an ASCII locale (Java then cannot encode it).
     */
    static Optional<Path> javaPath(Path sourceRoot, RelativePath path) {
        if (path.isRoot() || !path.isUtf8()) {
            return Optional.empty();
        }
        try {
            return Optional.of(sourceRoot.resolve(new String(path.toBytes(), StandardCharsets.UTF_8)));
        } catch (InvalidPathException unspellable) {
            return Optional.empty();
        }
    }
}
