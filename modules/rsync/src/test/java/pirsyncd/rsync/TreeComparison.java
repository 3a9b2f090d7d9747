package pirsyncd.rsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compares two trees byte for byte: names (as the kernel's raw bytes: a {@link Path} that came
 * from a directory listing keeps them, so names that are not UTF-8 compare exactly), types,
 * content, modes, mtimes (to the second, as rsync compares them) and symlink targets. Test helper shared by every transfer test.
 */
final class TreeComparison {
    private final boolean directoryTimes;

    private TreeComparison(boolean directoryTimes) {
        this.directoryTimes = directoryTimes;
    }

    /** Everything, directory mtimes included (what a full transfer guarantees). */
    static TreeComparison exact() {
        return new TreeComparison(true);
    }

    /**
     * Everything but directory mtimes: a targeted run that deletes or creates an entry changes its
     * parent's mtime at the destination after rsync has set it; the next full transfer fixes it.
     */
    static TreeComparison ignoringDirectoryTimes() {
        return new TreeComparison(false);
    }

    /** The differences, one line each, empty if the trees are equal. */
    List<String> differences(Path source, Path destination) {
        Map<Path, Path> left = walk(source);
        Map<Path, Path> right = walk(destination);
        List<String> out = new ArrayList<>();
        Set<Path> all = new TreeSet<>(left.keySet());
        all.addAll(right.keySet());
        for (Path relative : all) {
            Path a = left.get(relative);
            Path b = right.get(relative);
            if (a == null) {
                out.add("only in destination: " + relative);
            } else if (b == null) {
                out.add("only in source: " + relative);
            } else {
                compare(relative, a, b, out);
            }
        }
        return out;
    }

    /** Fails with every difference listed. */
    void assertSame(Path source, Path destination) {
        List<String> differences = differences(source, destination);
        if (!differences.isEmpty()) {
            throw new AssertionError(differences.size() + " differences between " + source + " and " + destination
                    + ":\n  " + String.join("\n  ", differences.subList(0, Math.min(40, differences.size()))));
        }
    }

    private void compare(Path relative, Path a, Path b, List<String> out) {
        try {
            PosixFileAttributes x = Files.readAttributes(a, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes y = Files.readAttributes(b, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String typeA = type(x);
            String typeB = type(y);
            if (!typeA.equals(typeB)) {
                out.add(relative + ": type " + typeA + " vs " + typeB);
                return;
            }
            if (!x.isSymbolicLink() && !x.permissions().equals(y.permissions())) {
                out.add(relative + ": mode " + PosixFilePermissions.toString(x.permissions()) + " vs "
                        + PosixFilePermissions.toString(y.permissions()));
            }
            boolean checkTime = !x.isDirectory() || directoryTimes;
            // whole seconds: rsync's own notion of "same mtime" (--modify-window=0, rsync(1)); an entry
            // rsync creates within the second of its source keeps its own sub-second part
            if (checkTime && x.lastModifiedTime().to(TimeUnit.SECONDS) != y.lastModifiedTime().to(TimeUnit.SECONDS)) {
                out.add(relative + ": mtime " + x.lastModifiedTime() + " vs " + y.lastModifiedTime());
            }
            if (x.isSymbolicLink() && !Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b))) {
                out.add(relative + ": symlink " + Files.readSymbolicLink(a) + " vs " + Files.readSymbolicLink(b));
            }
            if (x.isRegularFile() && Files.mismatch(a, b) != -1) {
                out.add(relative + ": content differs (" + x.size() + " vs " + y.size() + " bytes)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(PosixFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "symlink";
        }
        if (attributes.isDirectory()) {
            return "directory";
        }
        return attributes.isRegularFile() ? "file" : "other";
    }

    /** Relative path (raw bytes kept) to absolute path, root excluded. */
    private static Map<Path, Path> walk(Path root) {
        Map<Path, Path> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> !p.equals(root)).forEach(p -> entries.put(root.relativize(p), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
