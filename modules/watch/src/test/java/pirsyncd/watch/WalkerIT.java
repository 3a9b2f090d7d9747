package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.inotify.Inotify;
import pirsyncd.model.ExcludeRules;

/**
 * Walks big enough to hand listing to {@link ParallelLister} threads (more than
 * {@link Walker#SEQUENTIAL_LIMIT} directories) must find exactly what the walk on one thread
 * finds: every directory once, excluded ones and links left out, and the exact count of what
 * did not fit.
 */
@Timeout(60)
class WalkerIT {
    static final ExcludeRules EXCLUDES = ExcludeRules.of("skip-*/");

    @TempDir
    Path root;
    Set<String> expected;

    @BeforeEach
    void createABigTree() throws IOException {
        for (int i = 0; i < 24; i++) {
            Path top = Files.createDirectories(root.resolve("top-" + i));
            for (int j = 0; j < 25; j++) {
                Files.createDirectories(top.resolve("mid-" + j));
            }
            Files.createDirectories(top.resolve("deep/er/and/deeper"));
            Files.createDirectories(top.resolve("skip-me/below"));
            Files.createSymbolicLink(top.resolve("link-to-parent"), root);
        }
        expected = new TreeSet<>();
        try (Stream<Path> all = Files.walk(root)) { // Files.walk does not follow links
            all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString())
                    .filter(p -> !p.contains("skip-"))
                    .forEach(expected::add);
        }
    }

    private Walker.Result walk(int listingThreads, long budget, WatchTree tree) throws IOException {
        return walk(listingThreads, budget, 0, tree);
    }

    private Walker.Result walk(int listingThreads, long budget, int maxWatches, WatchTree tree) throws IOException {
        try (Inotify inotify = Inotify.open()) {
            byte[] rootBytes = root.toString().getBytes(StandardCharsets.UTF_8);
            return new Walker(inotify, rootBytes, EXCLUDES, maxWatches, listingThreads).walk(tree, tree.root(), budget);
        }
    }

    /** Every node's path, checking on the way that each has its own descriptor, mapped back to it. */
    static Set<String> paths(WatchTree tree) {
        Set<String> paths = new TreeSet<>();
        Set<Integer> descriptors = new HashSet<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(tree.root());
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            paths.add(node == tree.root() ? "" : tree.pathOf(node).toString());
            assertEquals(node, tree.byWd(node.wd), "descriptor " + node.wd + " maps back to its node");
            assertTrue(descriptors.add(node.wd), "descriptor " + node.wd + " used twice");
            node.forEachChild(pending::push);
        }
        return paths;
    }

    @Test
    void aBigWalkWithListingThreadsWatchesEveryDirectoryOnceLikeTheSingleThreadedOne() throws Exception {
        assertEquals(24 * 30 + 1, expected.size(), "the tree is big enough to go parallel: " + expected.size());
        for (int threads : new int[] {0, 1, 2}) {
            WatchTree tree = new WatchTree();
            Walker.Result result = walk(threads, Long.MAX_VALUE, tree);
            assertEquals(expected.size(), result.watched(), threads + " listing threads");
            assertEquals(0, result.unwatched(), threads + " listing threads");
            assertEquals(false, result.kernelLimitHit(), threads + " listing threads");
            assertEquals(expected, paths(tree), threads + " listing threads");
            assertEquals(expected.size(), tree.watchedCount());
        }
    }

    @Test
    void aBigWalkBeyondItsBudgetCountsExactlyWhatDidNotFit() throws Exception {
        for (int threads : new int[] {0, 2}) {
            WatchTree tree = new WatchTree();
            Walker.Result result = walk(threads, 400, tree);
            assertEquals(400, result.watched(), threads + " listing threads");
            assertEquals(expected.size(), result.watched() + result.unwatched(), threads + " listing threads");
            assertEquals(400, tree.watchedCount());
        }
    }

    @Test
    void listersThatWatchStopExactlyAtTheMaxWatchesSetting() throws Exception {
        for (int threads : new int[] {0, 1, 2, 4}) {
            WatchTree tree = new WatchTree();
            Walker.Result result = walk(threads, Long.MAX_VALUE, 333, tree);
            assertEquals(333, result.watched(), threads + " listing threads");
            assertEquals(333, tree.watchedCount(), threads + " listing threads");
            assertEquals(expected.size(), result.watched() + result.unwatched(), threads + " listing threads");
        }
    }
}
