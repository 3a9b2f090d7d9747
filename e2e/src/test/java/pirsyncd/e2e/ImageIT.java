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
}
