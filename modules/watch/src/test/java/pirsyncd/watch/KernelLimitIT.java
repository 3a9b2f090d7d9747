package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel refuses watches (ENOSPC) although the budget check passed: the watcher starts on
 * what it could watch and covers the rest by rescans. The kernel's limit is lowered only inside a
 * new user namespace ({@code /proc/sys/user/max_inotify_watches} is per namespace and checked
 * besides {@code fs.inotify.max_user_watches}, which the budget reads), so other processes on the
 * machine are not affected; the watcher runs in a child JVM inside it.
 */
@Timeout(120)
class KernelLimitIT {
    @TempDir
    Path temp;

    @Test
    void enospcDuringTheFirstWalkStartsOnWhatIsWatchedAndRescansTheRest() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        for (String dir : List.of("a/a1", "a/a2", "b/b1", "c", "d", "e")) {
            Files.createDirectories(root.resolve(dir));
        }
        // 9 directories, 4 watches allowed in the namespace
        List<String> lines = runInUserNamespace(4, root, "missed");
        assertTrue(lines.contains("started"), "the watcher refused to start: " + lines);
        assertTrue(lines.contains("state WATCHING"), lines.toString());
        assertTrue(lines.contains("watched 4"), lines.toString());
        assertTrue(lines.contains("next rescan true"), lines.toString());
        String unwatched = lines.stream().filter(l -> l.startsWith("unwatched ")).findFirst().orElseThrow();
        assertTrue(!unwatched.equals("unwatched []"), unwatched);
        String rescan = lines.stream().filter(l -> l.startsWith("rescan ")).findFirst().orElseThrow();
        assertTrue(rescan.contains("not watched (inotify watch limit"), rescan);
    }

    @Test
    void enospcDuringAWalkOnListingThreadsStopsAtTheLimitAndCountsTheRest() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                Files.createDirectories(root.resolve("top-" + i).resolve("child-" + j));
            }
        }
        // 421 directories, more than a walk does on one thread; 300 watches allowed in the namespace
        assertTrue(421 > Walker.SEQUENTIAL_LIMIT);
        List<String> lines = runInUserNamespace(300, root, "missed");
        assertTrue(lines.contains("started"), "the watcher refused to start: " + lines);
        assertTrue(lines.contains("state WATCHING"), lines.toString());
        assertTrue(lines.contains("watched 300"), lines.toString());
        String rescan = lines.stream().filter(l -> l.startsWith("rescan ")).findFirst().orElseThrow();
        assertTrue(rescan.contains("not watched (inotify watch limit"), rescan);
    }

    @Test
    void theBudgetCheckSeesTheUserNamespaceLimitAndRefusesWithItsSysctl() throws Exception {
        Path root = Files.createDirectories(temp.resolve("src"));
        for (String dir : List.of("a/a1", "a/a2", "b/b1", "c", "d", "e")) {
            Files.createDirectories(root.resolve(dir));
        }
        List<String> lines = runInUserNamespace(4, root, "checked");
        String refused = lines.stream().filter(l -> l.startsWith("refused ")).findFirst()
                .orElseThrow(() -> new AssertionError("started although 9 directories need more than 4 watches: " + lines));
        assertTrue(refused.matches("refused watching .* needs 9 inotify watches but only \\d+ are available "
                + "\\(user\\.max_inotify_watches = 4, \\d+ in use by this user\\); raise it: "
                + "sysctl -w user\\.max_inotify_watches=524288"), refused);
    }

    private List<String> runInUserNamespace(int maxWatches, Path root, String budget) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // no shell: the probe, root in its new namespace, writes the namespace's limit itself
        List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-root-user",
                java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath(), KernelLimitProbe.class.getName(), root.toString(), Integer.toString(maxWatches),
                budget));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the child JVM did not finish");
        assumeTrue(!output.contains("unshare: ") && !output.contains("cannot set the limit"),
                "cannot make a user namespace with its own inotify limit here: " + output);
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }

    /** This test JVM's module path and class path, plus the test classes, as one class path. */
    private static String classPath() throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(Path.of(KernelLimitProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            java.util.Arrays.stream(System.getProperty(property, "").split(File.pathSeparator, -1))
                    .filter(entry -> !entry.isBlank())
                    .forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }
}
