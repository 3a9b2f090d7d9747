package pirsyncd.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the suite keeps its files: {@code e2e/target/e2e} (set by the pom), so {@code mvn clean} removes
 * everything and a failed run leaves its trees behind for a look.
 */
final class Workspace {
    private Workspace() {}

    static Path root() {
        String configured = System.getProperty("pirsyncd.e2e.work");
        Path root = Path.of(configured != null ? configured : "target/e2e").toAbsolutePath();
        return created(root);
    }

    /** Short-lived files (process output). */
    static Path scratch() {
        return created(root().resolve("scratch"));
    }

    /** A fresh, empty folder for one scenario; what an earlier run left there is removed first. */
    static Path fresh(String name) {
        Path dir = root().resolve(name);
        Trees.deleteRecursively(dir);
        return created(dir);
    }

    static Path created(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
