package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pirsyncd.inotify.Directories;
import pirsyncd.inotify.Inotify;
import pirsyncd.model.ExcludeRules;

/**
 * On a file system that counts subdirectories in a directory's links (tmpfs, as /dev/shm is on
 * every Linux with glibc), a walk reads only the directories that have subdirectories and still
 * watches every directory, on one thread and with listing threads.
 */
@Timeout(60)
class LeafRuleIT {
    private static final Path SHM = Path.of("/dev/shm");
    private Path root;

    @BeforeEach
    void createATreeOnTmpfs() throws IOException {
        assumeTrue(Files.isDirectory(SHM) && Files.isWritable(SHM), "no writable /dev/shm");
        assumeTrue(LeafRule.countsSubdirectories(Directories.fileSystemType(SHM.toString().getBytes(StandardCharsets.UTF_8))),
                "/dev/shm is not a tmpfs here");
        root = Files.createTempDirectory(SHM, "pirsyncd-leafrule-");
        for (int i = 0; i < 12; i++) {
            Path top = Files.createDirectories(root.resolve("top-" + i));
            for (int j = 0; j < 30; j++) {
                Files.createDirectories(top.resolve("leaf-" + j));
                Files.createFile(top.resolve("leaf-" + j).resolve("a file is not a subdirectory"));
            }
            Files.createDirectories(top.resolve("deep/er/est"));
        }
    }

    @AfterEach
    void removeTheTree() throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    @ParameterizedTest(name = "{0} listing threads")
    @ValueSource(ints = {0, 2})
    void onlyDirectoriesWithSubdirectoriesAreReadAndEveryOneIsWatched(int listingThreads) throws IOException {
        WatchTree tree = new WatchTree();
        Walker.Result result;
        try (Inotify inotify = Inotify.open()) {
            Walker walker = new Walker(inotify, root.toString().getBytes(StandardCharsets.UTF_8), ExcludeRules.NONE, 0,
                    listingThreads);
            result = walker.walk(tree, tree.root(), Long.MAX_VALUE);
        }
        int directories = 1 + 12 * (1 + 30 + 3);
        assertEquals(directories, result.watched());
        assertEquals(directories, WalkerIT.paths(tree).size());
        // read: the root, each top, deep and er; not the 30 leaves of each top nor est
        assertEquals(1 + 12 * 3, result.listed(), "directories read");
        assertTrue(WalkerIT.paths(tree).contains("top-11/deep/er/est"));
    }
}
