package pirsyncd.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The release tarball, unpacked once per test run into {@code target/e2e/image} with the system {@code tar}
 * (as a user would, keeping the run bits), and the {@code bin/pirsyncd} inside it.
 */
final class UnpackedImage {
    private static UnpackedImage unpacked;

    private final Path tarball;
    private final Path root;
    private final String version;

    private UnpackedImage(Path tarball, Path root, String version) {
        this.tarball = tarball;
        this.root = root;
        this.version = version;
    }

    /** The image of this run, unpacked on first use. */
    static synchronized UnpackedImage get() {
        if (unpacked == null) {
            String version = System.getProperty("pirsyncd.e2e.version", "0.1.0");
            Path tarball = Path.of(System.getProperty("pirsyncd.e2e.tarball",
                    "../jlink/target/pirsyncd-" + version + "-linux-x86_64.tar.gz")).toAbsolutePath().normalize();
            assertTrue(Files.isRegularFile(tarball),
                    tarball + " is missing; build the image first: ./mvnw -B -ntp install -DskipTests");
            Path into = Workspace.fresh("image");
            Exec.run(Duration.ofMinutes(2), "tar", "-xzf", tarball.toString(), "-C", into.toString()).requireSuccess();
            unpacked = new UnpackedImage(tarball, into, version);
        }
        return unpacked;
    }

    Path tarball() {
        return tarball;
    }

    /** The folder the tarball was unpacked into (its only child should be {@code pirsyncd-<version>}). */
    Path unpackedInto() {
        return root;
    }

    Path home() {
        return root.resolve("pirsyncd-" + version);
    }

    Path launcher() {
        return home().resolve("bin/pirsyncd");
    }

    String version() {
        return version;
    }
}
