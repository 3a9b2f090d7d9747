package pirsyncd.rsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rules an rsync daemon password file must meet before pirsyncd uses it: a regular file,
 * mode 0600, owned by the user pirsyncd runs as. rsync itself only refuses files other users can
 * read; being stricter up front turns a secret that leaks or belongs to someone else into a config
 * error instead of a silent risk.
 */
public final class PasswordFile {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PasswordFile() {}

    /**
     * Checks the file.
     *
     * @throws IllegalArgumentException with one line naming the file, what is wrong and the command that fixes it
     */
    public static void check(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(file.toString());
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("passwordFile " + file
                        + ": is not a regular file (a symlink or directory); point passwordFile at the file itself");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!mode.equals(OWNER_READ_WRITE)) {
                throw new IllegalArgumentException("passwordFile " + file + ": mode is "
                        + PosixFilePermissions.toString(mode) + ", must be rw------- (0600); run: chmod 600 " + file);
            }
            int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int self = currentUid();
            if (owner != self) {
                throw new IllegalArgumentException("passwordFile " + file + ": is owned by uid " + owner
                        + ", not by the user pirsyncd runs as (uid " + self + "); run: chown " + self + " " + file);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("passwordFile " + file
                    + ": does not exist; create it holding the rsync password, then chmod 600 it", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("passwordFile " + file + ": cannot be read (" + e.getMessage()
                    + "); check the path and its permissions", e);
        }
    }

    /** /proc/self belongs to the process's effective uid (proc(5)); no native call needed. */
    static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
