package pirsyncd.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which directory the configured root path names: its device and inode numbers ({@code st_dev},
 * {@code st_ino}), following a link at the top as the watch does.
 *
 * <p>inotify watches an inode, not a path. When a file system is mounted on the root (or a link
 * at the root is pointed elsewhere) the kernel sends no event and the watches stay on the
 * covered directory, so the watcher compares this identity every {@code rootRetryInterval}: one
 * {@code stat(2)}.
 */
record RootIdentity(long device, long inode) {

    /**
     * The identity of the directory at {@code root} now; null if the file system does not report
     * device and inode (nothing to compare then).
     *
     * @throws NoSuchFileException if nothing is at the path
     * @throws NotDirectoryException if it is not a directory
     */
    static RootIdentity of(Path root) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(root, "unix:dev,ino,isDirectory");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
        if (!Boolean.TRUE.equals(attributes.get("isDirectory"))) {
            throw new NotDirectoryException(root.toString());
        }
        if (attributes.get("dev") instanceof Long device && attributes.get("ino") instanceof Long inode) {
            return new RootIdentity(device, inode);
        }
        return null;
    }

    @Override
    public String toString() {
        return "dev " + device + ", inode " + inode;
    }
}
