package pirsyncd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 2's image test: the release tarball as a user receives it, run with an empty environment. */
@Timeout(120)
class ImageIT {
    /** Issue 2: "30 MB", decimal megabytes as a download page counts them. */
    private static final long MAX_TARBALL_BYTES = 30_000_000L;
    private static final Duration QUICK = Duration.ofSeconds(60);

    private static String help;

    private final UnpackedImage image = UnpackedImage.get();

    @Test
    void tarballHoldsExactlyOneTopLevelFolderNamedAfterTheVersion() throws IOException {
        try (Stream<Path> top = Files.list(image.unpackedInto())) {
            List<String> names = top.map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of("pirsyncd-" + image.version()), names);
        }
        // every entry of the archive, not just what tar happened to create, sits under that folder
        String listing = Exec.run(QUICK, "tar", "-tzf", image.tarball().toString()).requireSuccess().out();
        String prefix = "pirsyncd-" + image.version() + "/";
        List<String> strays = listing.lines().filter(l -> !l.startsWith(prefix)).toList();
        assertEquals(List.of(), strays, "entries outside " + prefix);
    }

    @Test
    void tarballIsAtMostThirtyMegabytes() throws IOException {
        long size = Files.size(image.tarball());
        assertTrue(size <= MAX_TARBALL_BYTES, image.tarball() + " is " + size + " bytes, over 30 MB (30,000,000 bytes)");
    }

    @Test
    void versionRunsWithAnEmptyEnvironmentAndNoJdk() {
        // env -i PATH=/usr/bin:/bin, exactly what issue 2 promises; no JAVA_HOME, no java on that PATH
        ExecResult result = Exec.run(QUICK, "env", "-i", "PATH=/usr/bin:/bin", image.launcher().toString(), "--version");
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.out().contains(image.version()), "--version printed: " + result.out());
        assertEquals("", result.err(), "--version wrote to stderr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "start", "stop", "status", "resync", "check", "examples"})
    void helpListsEverySubcommand(String subcommand) {
        String help = help(image);
        assertTrue(help.lines().anyMatch(line -> line.strip().startsWith(subcommand + " ")
                        || line.strip().equals(subcommand)),
                "--help does not list " + subcommand + ":\n" + help);
    }

    /** What {@code bin/pirsyncd --help} prints, asked once for all the subcommands checked. */
    private static synchronized String help(UnpackedImage image) {
        if (help == null) {
            help = Exec.run(QUICK, image.launcher().toString(), "--help").requireSuccess().out();
        }
        return help;
    }

    @Test
    void imageCarriesNoHeaderFilesOrManPages() throws IOException {
        Path home = image.home();
        assertTrue(Files.isExecutable(image.launcher()), "bin/pirsyncd is not executable");
        assertTrue(Files.notExists(home.resolve("include")), "include/ headers shipped");
        assertTrue(Files.notExists(home.resolve("man")), "man pages shipped");
        try (Stream<Path> all = Files.walk(home)) {
            List<Path> unwanted = all.filter(p -> p.toString().endsWith(".h") || p.toString().endsWith(".1")).toList();
            assertEquals(List.of(), unwanted);
        }
    }
    /**
     * The launcher finds its runtime however it is reached: through a symlink (the usual
     * {@code /usr/local/bin/pirsyncd}), a symlink to a symlink with a relative target, a relative
     * path, or a bare name looked up in PATH. It resolves its folder with shell built-ins and only
     * calls readlink for a symlink, so each way is its own code path.
     */
    @Test
    void launcherFindsItsRuntimeThroughSymlinksRelativePathsAndPath() throws IOException {
        Path links = Workspace.fresh("launcher-links");
        Path direct = Files.createSymbolicLink(links.resolve("pirsyncd"), image.launcher());
        Path chained = Files.createSymbolicLink(links.resolve("chained"), Path.of("pirsyncd"));
        Path home = image.home();
        List<List<String>> ways = List.of(
                List.of("env", "-i", "PATH=/usr/bin:/bin", direct.toString(), "--version"),
                List.of("env", "-i", "PATH=/usr/bin:/bin", chained.toString(), "--version"),
                List.of("env", "-i", "-C", home.toString(), "PATH=/usr/bin:/bin", "bin/pirsyncd", "--version"),
                List.of("env", "-i", "-C", home.resolve("bin").toString(), "PATH=/usr/bin:/bin", "./pirsyncd", "--version"),
                List.of("env", "-i", "-C", links.toString(), "PATH=/usr/bin:/bin", "./chained", "--version"),
                List.of("env", "-i", "PATH=" + links + ":/usr/bin:/bin", "pirsyncd", "--version"),
                List.of("env", "-i", "PATH=" + home.resolve("bin") + ":/usr/bin:/bin", "pirsyncd", "--version"));
        for (List<String> way : ways) {
            ExecResult result = Exec.run(QUICK, way);
            assertEquals(0, result.exitCode(), String.join(" ", way) + ": " + result.describe());
            assertEquals("pirsyncd " + image.version(), result.out().strip(), String.join(" ", way));
        }
    }
}
