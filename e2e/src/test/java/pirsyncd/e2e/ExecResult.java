package pirsyncd.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a finished child process left behind.
 *
 * <p>Output is kept as bytes because rsync and the daemon print file names, and those may not be UTF-8;
 * {@link #out()} and {@link #err()} decode leniently for messages and assertions. A class rather than a
 * record only because records should not carry arrays.
 */
final class ExecResult {
    private final List<String> command;
    private final int exitCode;
    private final byte[] stdout;
    private final byte[] stderr;

    ExecResult(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stdout = stdout.clone();
        this.stderr = stderr.clone();
    }

    int exitCode() {
        return exitCode;
    }

    byte[] stdoutBytes() {
        return stdout.clone();
    }

    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** Returns this result, or fails the test with the command, exit code and both outputs. */
    ExecResult requireSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(describe());
        }
        return this;
    }

    String describe() {
        String said = err().strip().lines().findFirst().orElse(out().strip().lines().findFirst().orElse(""));
        return "exit " + exitCode + " (" + said + ") from: " + String.join(" ", command) + "\n--- stdout\n" + out()
                + "--- stderr\n" + err();
    }
}
