package pirsyncd.e2e;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/** File-system chores for the tests, done with the system tools so names that are not UTF-8 are no obstacle. */
final class Trees {
    private Trees() {}

    /** {@code rm -rf}, staying on one file system so a tmpfs mounted inside is never emptied by accident. */
    static void deleteRecursively(Path dir) {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Exec.run(Duration.ofMinutes(2), "rm", "-rf", "--one-file-system", "--", dir.toString()).requireSuccess();
        }
    }
}
