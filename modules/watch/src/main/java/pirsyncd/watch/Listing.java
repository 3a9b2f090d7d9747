package pirsyncd.watch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import pirsyncd.inotify.DirectoryEntry;
import pirsyncd.inotify.DirectoryLister;
import pirsyncd.inotify.EntryType;

/**
 * Lists the subdirectories of directories by raw name bytes, never following symbolic links.
 * The one place the watch tree reads directories.
 *
 * <p>Holds the binding's {@link DirectoryLister}, whose buffers are reused from one directory to
 * the next: one per listing thread for the length of a walk, used and closed on that thread.
 */
final class Listing implements AutoCloseable {
    private final DirectoryLister lister = DirectoryLister.open();

    /**
     * The names of the real subdirectories (not links to directories) of {@code absolutePath}.
     *
     * @throws java.nio.file.NoSuchFileException if it vanished
     * @throws java.nio.file.NotDirectoryException if it is no longer a directory
     * @throws java.nio.file.AccessDeniedException if it cannot be read
     */
    List<byte[]> subdirectories(byte[] absolutePath) throws IOException {
        List<byte[]> names = new ArrayList<>();
        for (DirectoryEntry entry : lister.list(absolutePath)) {
            // d_type says what the entry is without following it (the binding falls back to
            // statx(AT_SYMLINK_NOFOLLOW) for DT_UNKNOWN), so a link to a directory is not walked
            if (entry.type() == EntryType.DIRECTORY) {
                names.add(entry.name());
            }
        }
        return names;
    }

    @Override
    public void close() {
        lister.close();
    }
}
