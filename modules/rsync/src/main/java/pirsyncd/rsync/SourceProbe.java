package pirsyncd.rsync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import pirsyncd.model.RelativePath;

/**
 * Whether a path is gone from the source, or there but not a directory, for the pre-3.1 fallback
 * only (newer rsync decides that itself with {@code --delete-missing-args}). A Java path can only
 * spell a UTF-8 name, so a name that is not UTF-8 counts as a present directory: it is then sent
 * without its content, and if it was in fact deleted and not empty (or a file replacing a
 * directory), the next full transfer removes it.
 */
final class SourceProbe {
    private SourceProbe() {}

    static boolean missing(Path sourceRoot, RelativePath path) {
        if (path.isRoot() || !path.isUtf8()) {
            return false;
        }
        return !Files.exists(resolve(sourceRoot, path), LinkOption.NOFOLLOW_LINKS);
    }

    /** True if the path is there and is not a directory (a file, a link, a device...). */
    static boolean notADirectory(Path sourceRoot, RelativePath path) {
        if (path.isRoot() || !path.isUtf8()) {
            return false;
        }
        Path resolved = resolve(sourceRoot, path);
        return Files.exists(resolved, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(resolved, LinkOption.NOFOLLOW_LINKS);
    }

    private static Path resolve(Path sourceRoot, RelativePath path) {
        return sourceRoot.resolve(new String(path.toBytes(), StandardCharsets.UTF_8));
    }
}
