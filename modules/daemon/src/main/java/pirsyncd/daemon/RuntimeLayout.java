package pirsyncd.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where one instance keeps its control socket, pid file and logs: {@code --runtime-dir} (or
 * {@code PIRSYNCD_RUNTIME_DIR}), else {@code /run/pirsyncd} for root, else
 * {@code $XDG_RUNTIME_DIR/pirsyncd}, else a per-user folder under {@code /tmp}.
 *
 * @param directory the runtime directory (mode 0700, owned by this user)
 * @param instance the instance these files belong to
 */
record RuntimeLayout(Path directory, InstanceName instance) {
    /** sun_path in {@code struct sockaddr_un} is 108 bytes including the terminating NUL (unix(7)). */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** Chooses the directory from the flag, the environment and who we are. */
    static RuntimeLayout resolve(Optional<Path> flag, Map<String, String> environment, InstanceName instance) {
        Path directory = flag.map(Path::toAbsolutePath).orElseGet(() -> defaultDirectory(environment));
        RuntimeLayout layout = new RuntimeLayout(directory.normalize(), instance);
        int socketBytes = layout.socket().toString().getBytes(StandardCharsets.UTF_8).length;
        if (socketBytes > MAX_SOCKET_PATH_BYTES) {
            throw new UserError(ExitCodes.CONFIG, "--runtime-dir: the control socket path " + layout.socket()
                    + " is " + socketBytes + " bytes, longer than the " + MAX_SOCKET_PATH_BYTES
                    + " a Unix socket allows; choose a shorter --runtime-dir or --instance");
        }
        return layout;
    }

    private static Path defaultDirectory(Map<String, String> environment) {
        int uid = CurrentUser.uid();
        if (uid == 0) {
            return Path.of("/run/pirsyncd");
        }
        String xdg = environment.getOrDefault("XDG_RUNTIME_DIR", "");
        if (!xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pirsyncd");
        }
        // No per-user runtime dir (no login session, e.g. cron): a private folder in /tmp,
        // checked to be ours before use so that another user cannot plant a socket there.
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "pirsyncd-" + uid);
    }

    /** The control socket, {@code NAME.sock}. */
    Path socket() {
        return directory.resolve(instance.value() + ".sock");
    }

    /** The pid file, {@code NAME.pid}; a running daemon holds a lock on it. */
    Path pidFile() {
        return directory.resolve(instance.value() + ".pid");
    }

    /** The background daemon's log when the config names none, {@code NAME.log}. */
    Path defaultLogFile() {
        return directory.resolve(instance.value() + ".log");
    }

    /** Where a background daemon's stdout and stderr go: early errors and JVM messages, {@code NAME.out}. */
    Path consoleFile() {
        return directory.resolve(instance.value() + ".out");
    }

    /**
     * Creates the directory (0700) if needed and checks that it is ours and private, so that the
     * socket inside it is reachable by this user (and root) only.
     */
    void createDirectory() {
        try {
            try {
                Files.createDirectories(directory.getParent() == null ? directory : directory.getParent());
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException alreadyThere) {
                // fine: checked below
            }
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError(ExitCodes.CONFIG, "--runtime-dir: " + directory
                        + " exists but is not a directory; remove it or choose another --runtime-dir");
            }
            int owner = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int uid = CurrentUser.uid();
            if (owner != uid) {
                throw new UserError(ExitCodes.CONFIG, "--runtime-dir: " + directory + " belongs to uid " + owner
                        + ", not to you (uid " + uid + "); choose a folder of your own with --runtime-dir");
            }
            // umask may have narrowed the mode at creation, and an existing folder may be wider
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        } catch (IOException e) {
            throw new UserError(ExitCodes.CONFIG, "--runtime-dir: cannot create " + directory + ": "
                    + Describe.ioError(e) + "; choose a writable folder with --runtime-dir");
        }
    }
}
