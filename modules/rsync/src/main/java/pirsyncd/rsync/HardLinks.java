package pirsyncd.rsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import pirsyncd.model.Batch;
import pirsyncd.model.RelativePath;

/**
 * When a targeted transfer would break hard links the user asked to keep ({@code -H} in
 * {@code extraArgs}). rsync links at the destination only names that are in the same transfer
 * (rsync(1), --hard-links), so a new name of an inode the replica already has, or new content in a
 * file that has other names, arrives as a separate copy when the run names that file alone. A batch
 * that names such a file is sent as a full transfer instead: rare, and the only way to see every
 * name of the inode.
 */
final class HardLinks {
    private HardLinks() {}

    /** True if {@code extraArgs} asks rsync to keep hard links ({@code -H}, in a cluster too, or {@code --hard-links}). */
    static boolean kept(List<String> extraArgs) {
        boolean kept = false;
        for (String arg : extraArgs) {
            if (arg.equals("--hard-links")) {
                kept = true;
            } else if (arg.equals("--no-hard-links") || arg.equals("--no-H")) {
                kept = false;
            } else if (arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('H') > 0) {
                kept = true;
            }
        }
        return kept;
    }

    /**
     * True if a regular file the batch names, or one inside a tree it names, has more than one name:
     * what a transfer of those places alone would leave unlinked at the destination.
     */
    static boolean namedFileHasOtherNames(Path sourceRoot, Batch.Incremental batch) throws IOException {
        for (RelativePath path : batch.paths()) {
            // a place Java cannot spell counts as linked: a full transfer is slower, never wrong
            Optional<Path> file = SourceProbe.javaPath(sourceRoot, path);
            if (file.isEmpty() || linkedElsewhere(file.get())) {
                return true;
            }
        }
        for (RelativePath tree : batch.trees()) {
            Optional<Path> top = SourceProbe.javaPath(sourceRoot, tree);
            if (top.isEmpty() || treeHoldsLinkedFile(top.get())) {
                return true;
            }
        }
        return false;
    }

    private static boolean linkedElsewhere(Path file) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && otherNames(file);
    }

    /** Whether a regular file has more than one name. */
    private static boolean otherNames(Path regularFile) throws IOException {
        try {
            return (Integer) Files.getAttribute(regularFile, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1;
        } catch (NoSuchFileException gone) {
            return false; // deleted since: nothing to link
        }
    }

    private static boolean treeHoldsLinkedFile(Path tree) throws IOException {
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return linkedElsewhere(tree);
        }
        boolean[] found = {false};
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    try {
                        if (attrs.isRegularFile() && otherNames(file)) {
                            found[0] = true;
                            return FileVisitResult.TERMINATE;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // vanished: nothing to link
                    }
                    found[0] = true; // unreadable: cannot tell, so take the safe way
                    return FileVisitResult.TERMINATE;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return found[0];
    }
}
