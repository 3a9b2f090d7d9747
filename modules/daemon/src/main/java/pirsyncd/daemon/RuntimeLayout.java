package pirsyncd.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where one instance keeps its control socket, pid file and logs: {@code --runtime-dir} (or
 * {@code PIRSYNCD_RUNTIME_DIR}; empty means unset), else {@code /run/pirsyncd} for root, else
 * {@code $XDG_RUNTIME_DIR/pirsyncd}, else a per-user folder under {@code /tmp}.
 *
 * <p>The mode of a folder pirsyncd did not create is never changed: {@code --runtime-dir /tmp} as
 * root must not make /tmp private. A folder that others may write to but that has the sticky bit
 * (like /tmp, where nobody can rename or delete another user's entries) gets a private subfolder
 * {@code pirsyncd-UID} of ours; any other folder others may write to, or that is not ours, is
 * refused with the reason and the fix, since whoever can write there could replace the socket.
 *
 * @param directory the runtime directory: ours, and writable by nobody else
 * @param instance the instance these files belong to
 * @param sharedParent the folder that was asked for, when {@code directory} is a private subfolder
 *     of it because others may write there
 */
record RuntimeLayout(Path directory, InstanceName instance, Optional<Path> sharedParent) {
    /** The environment variable that may stand for {@code --runtime-dir}. */
    static final String ENVIRONMENT_VARIABLE = "PIRSYNCD_RUNTIME_DIR";

    /** sun_path in {@code struct sockaddr_un} is 108 bytes including the terminating NUL (unix(7)). */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** S_IWGRP | S_IWOTH (inode(7)): others may create, rename and delete entries. */
    private static final int WRITABLE_BY_OTHERS = 0022;

    /** S_ISVTX (inode(7)): in a folder with it, only an entry's owner may rename or delete it. */
    private static final int STICKY = 01000;

    /** Chooses the directory from the flag, the environment and who we are; creates nothing. */
    static RuntimeLayout resolve(Optional<String> flag, Map<String, String> environment, InstanceName instance) {
        if (flag.isPresent() && flag.get().isBlank()) {
            throw new UserError(ExitCodes.USAGE, "--runtime-dir: is empty; name a folder, or leave the option out"
                    + " for the default");
        }
        Optional<String> given = flag.or(() -> Optional.ofNullable(environment.get(ENVIRONMENT_VARIABLE))
                .filter(value -> !value.isBlank()));
        RuntimeLayout layout;
        if (given.isPresent()) {
            Path asked;
            try {
                asked = Path.of(given.get()).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new UserError(ExitCodes.USAGE, "--runtime-dir: \"" + given.get() + "\" is not a valid path ("
                        + e.getReason() + ")");
            }
            layout = isSharedWithStickyBit(asked)
                    ? new RuntimeLayout(asked.resolve("pirsyncd-" + CurrentUser.uid()), instance, Optional.of(asked))
                    : new RuntimeLayout(asked, instance, Optional.empty());
        } else {
            layout = new RuntimeLayout(defaultDirectory(environment).normalize(), instance, Optional.empty());
        }
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

    /** A folder like /tmp: others may write to it, but not rename or delete what is ours. */
    private static boolean isSharedWithStickyBit(Path folder) {
        FolderMode mode = FolderMode.of(folder);
        return mode.isDirectory() && (mode.bits() & WRITABLE_BY_OTHERS) != 0 && (mode.bits() & STICKY) != 0;
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

    /** The folder for people, with why it is a subfolder of what they asked for when it is one. */
    String describeDirectory() {
        return directory + sharedParent.map(p -> " (a private folder inside " + p
                + ", which others may write to)").orElse("");
    }

    /**
     * Creates the directory (0700) if needed and checks that it is ours and that nobody else may
     * write to it, so that the socket inside it cannot be replaced. A folder that already existed
     * keeps its mode: only a folder created here is given one.
     */
    void createDirectory() {
        try {
            boolean created = false;
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                // the parents are ordinary folders, made as mkdir -p would (with the umask)
                Files.createDirectories(directory.getParent() == null ? directory : directory.getParent());
                try {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    created = true;
                } catch (FileAlreadyExistsException raced) {
                    // another start made it meanwhile: checked below like any existing folder
                }
            }
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError(ExitCodes.CONFIG, "--runtime-dir: " + directory
                        + " exists but is not a directory; remove it or choose another --runtime-dir");
            }
            int owner = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int uid = CurrentUser.uid();
            if (owner != uid) {
                throw new UserError(ExitCodes.CONFIG, "--runtime-dir: " + directory + " belongs to uid " + owner
                        + ", not to you (uid " + uid + "), so its owner could replace the control socket;"
                        + " choose a folder of your own with --runtime-dir");
            }
            if (created) {
                // ours, just made: the umask may have narrowed the mode we asked for
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
                return;
            }
            int mode = FolderMode.of(directory).bits();
            if ((mode & WRITABLE_BY_OTHERS) != 0) {
                throw new UserError(ExitCodes.CONFIG, "--runtime-dir: " + directory + " has mode "
                        + String.format("%04o", mode) + ", so others may write to it and replace the control socket;"
                        + " take their write permission away (chmod go-w " + directory + ") or choose a folder only"
                        + " you can write to");
            }
        } catch (IOException e) {
            throw new UserError(ExitCodes.CONFIG, "--runtime-dir: cannot create " + directory + ": "
                    + Describe.ioError(e) + "; choose a writable folder with --runtime-dir");
        }
    }

    /** A folder's permission bits ({@code st_mode & 07777}), if it is a folder; never follows a link. */
    private record FolderMode(boolean isDirectory, int bits) {
        static FolderMode of(Path folder) {
            try {
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    return new FolderMode(false, 0);
                }
                int mode = (Integer) Files.getAttribute(folder, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                return new FolderMode(true, mode & 07777);
            } catch (IOException e) {
                return new FolderMode(false, 0);
            }
        }
    }
}
