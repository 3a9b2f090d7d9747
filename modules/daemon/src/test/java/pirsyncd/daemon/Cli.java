package pirsyncd.daemon;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs {@code pirsyncd} as its own process, the way a person does: a fresh JVM on this test's
 * module path running {@code -m pirsyncd.daemon/pirsyncd.daemon.Main}. {@code start} re-runs the
 * same command line for its background child.
 */
final class Cli {
    private Cli() {}

    static final Duration BOUND = Duration.ofSeconds(90);

    /** What a finished command did. */
    record Result(int exitCode, String out, String err) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The module path of this test JVM minus test-only jars: the daemon and what it needs. */
    static List<String> modulePath() {
        String path = System.getProperty("jdk.module.path", "");
        if (path.isBlank()) {
            path = System.getProperty("java.class.path", "");
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .filter(entry -> !entry.contains("test-classes") && !entry.contains("junit")
                        && !entry.contains("opentest4j") && !entry.contains("apiguardian"))
                .toList();
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The command that runs pirsyncd with these arguments. */
    static List<String> command(List<String> modulePath, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--enable-native-access=pirsyncd.inotify", "--module-path", String.join(File.pathSeparator, modulePath),
                "-m", "pirsyncd.daemon/pirsyncd.daemon.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs pirsyncd to the end (bounded) and returns what it printed. */
    static Result run(String... args) {
        return exec(command(modulePath(), args), Map.of());
    }

    static Result exec(List<String> command, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile("cli-", ".out");
            Path err = Files.createTempFile("cli-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().remove("PIRSYNCD_RUNTIME_DIR");
                builder.environment().remove("NOTIFY_SOCKET");
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("pirsyncd " + command + " did not finish in " + BOUND.toSeconds() + " s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * A copy of the module path that user {@code nobody} can read (ours lives under /root), for
     * running the client as another user.
     */
    static List<String> worldReadableModulePath(Path into) throws IOException {
        Files.setPosixFilePermissions(into, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> copies = new ArrayList<>();
        int n = 0;
        for (String entry : modulePath()) {
            Path source = Path.of(entry);
            Path target = into.resolve(n++ + "-" + source.getFileName());
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path file : tree.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(
                            Files.isDirectory(copy) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            copies.add(target.toString());
        }
        return copies;
    }

    /** Waits (bounded, polling) for a condition that another process brings about. */
    static void await(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(25); // polling another process's effect: there is nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
