package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories made while the listing threads of a big start-up walk list and watch: whichever
 * side of the walk each lands on (listed after its parent was watched, or reported by its
 * parent's IN_CREATE), every one is watched in the end. A directory made between a parent's
 * watch and its listing is the race "watched before listed" exists for.
 */
@Timeout(120)
class ParallelWalkRaceIT {
    @TempDir
    Path root;

    @Test
    void directoriesMadeDuringAParallelWalkAreAllWatchedInTheEnd() throws Exception {
        for (int top = 0; top < 40; top++) {
            for (int child = 0; child < 20; child++) {
                Files.createDirectories(root.resolve("top-" + top).resolve("child-" + child));
            }
        }
        assertTrue(40 * 21 + 1 > Walker.SEQUENTIAL_LIMIT, "the walk goes to listing threads");
        // started just before the watcher, so that most of it happens while the walk runs
        Thread maker = Thread.ofPlatform().name("mkdir -p").start(() -> {
            for (int i = 0; i < 600; i++) {
                Path late = root.resolve("top-" + i % 40).resolve("child-" + i % 20).resolve("late-" + i);
                try {
                    Files.createDirectories(late.resolve("deeper"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        RecordingSink sink = new RecordingSink();
        try (SourceWatcher watcher = Watching.start(root, sink)) {
            maker.join();
            int onDisk = directoriesUnder(root);
            Watching.awaitStatus(watcher, status -> status.watchedDirectories() == onDisk && status.unwatched().isEmpty());
        }
    }

    private static int directoriesUnder(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return (int) all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).count();
        }
    }
}
