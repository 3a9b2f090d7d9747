package pirsyncd.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs as a user's cron job or systemd unit would: an argument vector (never a shell) and an
 * environment emptied down to {@code PATH=/usr/bin:/bin}, so nothing from the build (JAVA_HOME, a JDK on
 * the PATH, locale variables) can make the image look better than it is.
 *
 * <p>Output goes to files rather than pipes: {@code pirsyncd start} leaves a detached daemon behind, and a
 * pipe it inherited would keep a reader waiting for an end of file that never comes.
 */
final class Exec {
    static final String PATH = "/usr/bin:/bin:/usr/sbin:/sbin";

    private Exec() {}

    static ExecResult run(Duration timeout, String... command) {
        return run(timeout, new byte[0], Map.of(), List.of(command));
    }

    static ExecResult run(Duration timeout, List<String> command) {
        return run(timeout, new byte[0], Map.of(), command);
    }

    /** Runs to completion or fails the test once {@code timeout} passes (the child is killed then). */
    static ExecResult run(Duration timeout, byte[] stdin, Map<String, String> extraEnv, List<String> command) {
        try {
            Path out = Files.createTempFile(Workspace.scratch(), "out", ".txt");
            Path err = Files.createTempFile(Workspace.scratch(), "err", ".txt");
            try {
                ProcessBuilder builder = builder(extraEnv, command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                Process process = builder.start();
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
                }
                return new ExecResult(command, process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** A builder with the emptied environment; for long-lived children (servers, writers) the caller starts. */
    static ProcessBuilder builder(Map<String, String> extraEnv, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", PATH);
        env.putAll(extraEnv);
        return builder;
    }
}
