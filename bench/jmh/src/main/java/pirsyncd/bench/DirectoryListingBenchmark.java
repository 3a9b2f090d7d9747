package pirsyncd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import pirsyncd.inotify.Directories;
import pirsyncd.inotify.DirectoryEntry;
import pirsyncd.inotify.EntryType;

/**
 * Directories walked per second by {@link Directories#list} over a generated tree of 2,000
 * directories (each with 3 files), the way the watch tree's initial walk does it. Goal: 100,000
 * directories in at most 2 s, i.e. at least 50,000 directories/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DirectoryListingBenchmark {
    static final int DIRECTORIES = 2000;

    private Path root;
    private byte[] rootBytes;

    /** Creates 40 directories of 49 subdirectories each (plus the root's 40: 2,000 in all). */
    @Setup(Level.Trial)
    public void createTree() throws IOException {
        root = Files.createTempDirectory("pirsyncd-jmh-tree");
        rootBytes = root.toString().getBytes(StandardCharsets.UTF_8);
        for (int a = 0; a < 40; a++) {
            Path first = Files.createDirectory(root.resolve("dir-" + a));
            for (int b = 0; b < 49; b++) {
                Path second = Files.createDirectory(first.resolve("sub-" + b));
                for (int f = 0; f < 3; f++) {
                    Files.createFile(second.resolve("file-" + f));
                }
            }
        }
    }

    /** Removes the tree. */
    @TearDown(Level.Trial)
    public void deleteTree() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** One full walk; the score is directories per second. */
    @Benchmark
    @OperationsPerInvocation(DIRECTORIES)
    public int walkTree() throws IOException {
        int directories = 0;
        Deque<byte[]> pending = new ArrayDeque<>();
        pending.push(rootBytes);
        while (!pending.isEmpty()) {
            byte[] current = pending.pop();
            for (DirectoryEntry entry : Directories.list(current)) {
                if (entry.type() == EntryType.DIRECTORY) {
                    byte[] child = Arrays.copyOf(current, current.length + 1 + entry.name().length);
                    child[current.length] = '/';
                    System.arraycopy(entry.name(), 0, child, current.length + 1, entry.name().length);
                    pending.push(child);
                    directories++;
                }
            }
        }
        return directories;
    }
}
