package pirsyncd.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks on files named by the config, each returning the problem as a message with its fix.
 * The password file's rule is the launcher's ({@code pirsyncd.rsync.PasswordFile}); the private
 * key's is here, because ssh refuses a key others can read, but only at the first transfer, long
 * after the daemon has started.
 */
final class FileRules {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private FileRules() {}

    /**
     * The uid this process runs as: {@code /proc/self} belongs to the process's effective uid
     * (proc(5)), which saves a native call for something the kernel already shows.
     */
    static int runningUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell the running uid from /proc/self: " + e.getMessage(), e);
        }
    }

    /**
     * A private key must be a regular file owned by {@code uid} that only its owner can read:
     * ssh refuses others ("UNPROTECTED PRIVATE KEY FILE").
     */
    static Optional<String> identityFileProblem(Path file, String written, int uid) {
        String what = "private key";
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.of(Files.exists(file)
                        ? "\"" + written + "\" is not a regular file; give the " + what + " itself"
                        : "\"" + written + "\" does not exist; fix the path or create the key with ssh-keygen");
            }
            int owner = (Integer) Files.getAttribute(file, "unix:uid");
            if (owner != uid) {
                return Optional.of("\"" + written + "\" is owned by uid " + owner + ", not by the user running pirsyncd (uid "
                        + uid + "); chown " + uid + " " + written);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                return Optional.of("\"" + written + "\" has mode " + octal(permissions) + ", so others may read the "
                        + what + "; chmod 600 " + written);
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.of("\"" + written + "\" does not exist; fix the path or create the key with ssh-keygen");
        } catch (IOException e) {
            return Optional.of("cannot read the attributes of \"" + written + "\" (" + e.getMessage() + "); check the path and its permissions");
        }
    }

    /** A file pirsyncd or rsync will write: its folder must exist and it must not be a folder itself. */
    static Optional<String> writableFileProblem(Path file, String written) {
        if (Files.isDirectory(file)) {
            return Optional.of("\"" + written + "\" is a folder; name a file in it, e.g. " + file.resolve("pirsyncd.log"));
        }
        Path parent = file.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return Optional.of("the folder of \"" + written + "\" does not exist; create " + parent + " or choose another file");
        }
        return Optional.empty();
    }

    /**
     * A program to run (rsync, ssh): an executable file, given by absolute path or found in
     * {@code PATH}.
     *
     * @param install what to install when it is missing, e.g. {@code "rsync"}
     */
    static Optional<String> programProblem(String program, String pathVariable, String install) {
        if (program.contains("/")) {
            Path file = Path.of(program);
            if (!file.isAbsolute()) {
                return Optional.of("\"" + program + "\" is a relative path; give an absolute path or a bare name found in PATH");
            }
            if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
                return Optional.of("\"" + program + "\" is not an executable file; install " + install + " or fix the path");
            }
            return Optional.empty();
        }
        for (String dir : pathVariable.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.empty();
            }
        }
        return Optional.of("\"" + program + "\" is not found in PATH; install " + install
                + " or give the full path of the program");
    }

    private static String octal(Set<PosixFilePermission> permissions) {
        String rwx = PosixFilePermissions.toString(permissions); // e.g. "rw-r--r--", 9 letters in mode-bit order
        int mode = 0;
        for (int i = 0; i < rwx.length(); i++) {
            mode = mode << 1 | (rwx.charAt(i) == '-' ? 0 : 1);
        }
        return String.format("0%03o (%s)", mode, rwx);
    }
}
