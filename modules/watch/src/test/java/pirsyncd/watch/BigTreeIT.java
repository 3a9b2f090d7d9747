package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.inotify.Directories;
import pirsyncd.inotify.DirectoryEntry;
import pirsyncd.inotify.DirectoryLister;
import pirsyncd.inotify.EntryType;
import pirsyncd.inotify.Inotify;
import pirsyncd.model.ExcludeRules;

/**
 * The performance goal (100,000 directories watched in at most 2 s) and the memory per watched
 * directory, measured on a real tree and compared with {@code inotifywait -r}. Tagged soak: too
 * heavy for every build. Run it with
 * {@code ./mvnw -B -ntp -q -pl modules/watch verify -Dtest=BigTreeIT -Dsurefire.excludedGroups=none}.
 */
@Tag("soak")
@Timeout(600)
class BigTreeIT {
    static final int TOP = 100;
    static final int PER_TOP = 1000;

    @TempDir
    Path temp;

    @Test
    void aHundredThousandDirectoriesAreWatchedQuickly() throws Exception {
        // tmpfs when there is one: creating 100,000 directories on a busy shared disk takes minutes,
        // and what is measured (inotify_add_watch + getdents64 on cached directories) barely differs
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "bigtree") : temp;
        try {
            measure(base.resolve("big"));
        } finally {
            if (!base.equals(temp)) {
                try (var walk = Files.walk(base)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private void measure(Path big) throws Exception {
        Path root = Files.createDirectories(big);
        for (int i = 0; i < TOP; i++) {
            Path top = Files.createDirectory(root.resolve("d" + i));
            for (int j = 0; j < PER_TOP - 1; j++) {
                Files.createDirectory(top.resolve("sub-directory-" + j));
            }
        }
        int expected = 1 + TOP * PER_TOP;

        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();
        SourceWatcher watcher = SourceWatcher.start(WatchSettings.of(root, ExcludeRules.NONE), changes -> {});
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long heapAfter = usedHeapAfterGc();
        int watched = watcher.status().watchedDirectories();
        int estimated = watcher.status().approximateBytesPerDirectory();
        watcher.close();
        assertEquals(expected, watched);
        long bytesPerDirectory = (heapAfter - heapBefore) / watched;
        System.out.printf("pirsyncd: %d directories watched in %d ms; about %d heap bytes per directory "
                + "(the status estimates %d)%n", watched, millis, bytesPerDirectory, estimated);

        // JIT warm: the start as shipped (listing threads) against the same walk listing on the
        // walking thread only, alternated so that neither profits from the other's caches
        for (int round = 1; round <= 3; round++) {
            long warmStarted = System.nanoTime();
            try (SourceWatcher again = SourceWatcher.start(WatchSettings.of(root, ExcludeRules.NONE), changes -> {})) {
                System.out.printf("pirsyncd, start %d in the same JVM (JIT warm, %d listing threads): %d directories in %d ms%n",
                        round + 1, Walker.defaultListingThreads(), again.status().watchedDirectories(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStarted));
            }
            long sequentialStarted = System.nanoTime();
            try (Inotify inotify = Inotify.open()) {
                WatchTree tree = new WatchTree();
                new Walker(inotify, root.toString().getBytes(StandardCharsets.UTF_8), ExcludeRules.NONE, 0, 0)
                        .walk(tree, tree.root(), Long.MAX_VALUE);
                System.out.printf("pirsyncd walk listing on the walking thread only (JIT warm): %d directories in %d ms%n",
                        tree.watchedCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sequentialStarted));
            }
        }

        compareListing(root);

        long inotifywaitMillis = inotifywait(root);
        System.out.printf("inotifywait -r: watches established in %d ms%n", inotifywaitMillis);
    }

    /**
     * Lists every directory on this thread, alternating a fresh lister per directory (what
     * {@code Directories.list} does: new zero-filled buffers each time, the walk before listers
     * were reused) with one reused lister, in wall and CPU time.
     */
    private static void compareListing(Path root) throws IOException {
        List<byte[]> directories = new ArrayList<>();
        Deque<byte[]> pending = new ArrayDeque<>();
        pending.push(root.toString().getBytes(StandardCharsets.UTF_8));
        while (!pending.isEmpty()) {
            byte[] directory = pending.pop();
            directories.add(directory);
            for (DirectoryEntry entry : Directories.list(directory)) {
                if (entry.type() == EntryType.DIRECTORY) {
                    byte[] child = Arrays.copyOf(directory, directory.length + 1 + entry.name().length);
                    child[directory.length] = '/';
                    System.arraycopy(entry.name(), 0, child, directory.length + 1, entry.name().length);
                    pending.push(child);
                }
            }
        }
        for (int round = 1; round <= 3; round++) {
            long wall = System.nanoTime();
            long[] cpu = threadCpuMillis();
            for (byte[] directory : directories) {
                Directories.list(directory);
            }
            printListing("a fresh lister (new buffers) per directory", directories.size(), wall, cpu);
            wall = System.nanoTime();
            cpu = threadCpuMillis();
            try (DirectoryLister lister = DirectoryLister.open()) {
                for (byte[] directory : directories) {
                    lister.list(directory);
                }
            }
            printListing("one reused lister", directories.size(), wall, cpu);
        }
    }

    private static void printListing(String how, int directories, long wallStarted, long[] cpuStarted) throws IOException {
        long[] cpu = threadCpuMillis();
        System.out.printf("listing %d directories on one thread, %s: %d ms (user %d ms, system %d ms)%n", directories, how,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wallStarted), cpu[0] - cpuStarted[0], cpu[1] - cpuStarted[1]);
    }

    /** This thread's user and system CPU time, from /proc/thread-self/stat (utime, stime: fields 14, 15, in ticks of 10 ms). */
    private static long[] threadCpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
        // fields[0] is field 3 (state): utime is field 14, stime field 15; USER_HZ is 100 on Linux
        return new long[] {Long.parseLong(fields[11]) * 10, Long.parseLong(fields[12]) * 10};
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long inotifywait(Path root) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder("inotifywait", "-r", "-m", root.toString()).redirectErrorStream(true).start();
        // it prints "Watches established." once every directory is watched
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("Watches established")) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                }
            }
            return -1;
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
