package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Creates, renames and removes entries by raw name bytes, which a Java {@code String} cannot
 * carry when they are not UTF-8: a python3 helper reads NUL-separated commands on stdin and calls
 * the syscalls with bytes ({@code os.fsencode}). No shell is involved.
 */
final class RawFiles {
    private static final String PROGRAM = """
            import os, shutil, sys
            root = os.fsencode(sys.argv[1])
            parts = sys.stdin.buffer.read().split(b'\\0')
            i = 0
            while i + 1 < len(parts):
                op, name = parts[i], parts[i + 1]
                path = os.path.join(root, name)
                i += 2
                if op == b'f':
                    with open(path, 'wb') as f: f.write(name + b'\\n')
                elif op == b'd':
                    os.makedirs(path, exist_ok=True)
                elif op == b'm':
                    os.rename(path, os.path.join(root, parts[i])); i += 1
                elif op == b'r':
                    shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
            """;

    private final Path root;
    private final ByteArrayOutputStream commands = new ByteArrayOutputStream();

    private RawFiles(Path root) {
        this.root = root;
    }

    static RawFiles in(Path root) {
        return new RawFiles(root);
    }

    /** A file whose content is its own name and a newline. */
    RawFiles file(byte[] name) {
        return command('f', name);
    }

    RawFiles directory(byte[] name) {
        return command('d', name);
    }

    RawFiles remove(byte[] name) {
        return command('r', name);
    }

    RawFiles rename(byte[] from, byte[] to) {
        command('m', from);
        commands.writeBytes(to);
        commands.write(0);
        return this;
    }

    private RawFiles command(char op, byte[] name) {
        commands.write(op);
        commands.write(0);
        commands.writeBytes(name);
        commands.write(0);
        return this;
    }

    /** Runs the commands in order; fails the test if any fails. */
    void apply() throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", PROGRAM, root.toString())
                .redirectErrorStream(true).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(commands.toByteArray());
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            python.destroyForcibly();
            throw new AssertionError("raw file helper failed: " + output);
        }
        commands.reset();
    }
}
