package pirsyncd.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A helper script of this suite (a test resource) run by the system's {@code /usr/bin/python3}: Python
 * handles file names as bytes ({@code os.fsencode}), which Java's {@code Path} cannot round-trip.
 */
enum PythonScript {
    /** Lists a tree: names, kinds, modes, mtimes, sizes, content digests, symlink targets, hard links. */
    TREE_MANIFEST("tree_manifest.py"),
    /** Applies file operations on byte names read from stdin. */
    FSOPS("fsops.py"),
    /** Execs a program with a lower inotify watch limit of its own (inside a user namespace). */
    WITH_WATCH_LIMIT("with_watch_limit.py");

    private final String resource;

    PythonScript(String resource) {
        this.resource = resource;
    }

    ExecResult run(Duration bound, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", extracted().toString()));
        command.addAll(List.of(args));
        return Exec.run(bound, stdin, Map.of(), command).requireSuccess();
    }

    /** The command line that runs this script: python3 and the extracted file. */
    List<String> command() {
        return List.of("/usr/bin/python3", extracted().toString());
    }

    private synchronized Path extracted() {
        Path target = Workspace.created(Workspace.root().resolve("scripts")).resolve(resource);
        try (InputStream in = PythonScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
