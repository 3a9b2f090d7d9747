package pirsyncd.watch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import pirsyncd.inotify.DirectoryEntry;
import pirsyncd.inotify.DirectoryLister;
import pirsyncd.inotify.EntryType;

/**
 * Lists the subdirectories of directories by raw name bytes, never following symbolic links.
 * The one place the watch tree reads directories. A directory its {@link LeafRule} says is a leaf
 * is not listed at all.
 *
 * <p>Holds the binding's {@link DirectoryLister}, whose buffers are reused from one directory to
 * the next: one per listing thread for the length of a walk, used and closed on that thread.
 */
final class Listing implements AutoCloseable {
    private final DirectoryLister lister;
    private final LeafRule leafRule;

    /** A listing that lists every directory. */
    Listing() {
        this(LeafRule.NEVER);
    }

    /** A listing that skips the directories {@code leafRule} says are leaves. */
    Listing(LeafRule leafRule) {
        this(DirectoryLister.open(), leafRule);
    }

    private Listing(DirectoryLister lister, LeafRule leafRule) {
        this.lister = lister;
        this.leafRule = leafRule;
    }

    /** A listing for a walk below the root given as "ROOT/.", with the leaf rule of the root's file system. */
    static Listing forWalkBelow(byte[] rootForListing) {
        DirectoryLister lister = DirectoryLister.open();
        return new Listing(lister, LeafRule.forRoot(rootForListing, lister));
    }

    /** The rule this listing follows, for the other threads of the same walk. */
    LeafRule leafRule() {
        return leafRule;
    }

    /**
     * The subdirectories of one directory.
     *
     * @param names the raw names of its real subdirectories (not links to directories)
     * @param listed whether the directory was read; false when its link count said it has none
     */
    record Subdirectories(List<byte[]> names, boolean listed) {
        private static final Subdirectories NONE_BY_LINK_COUNT = new Subdirectories(List.of(), false);
    }

    /**
     * The real subdirectories (not links to directories) of {@code absolutePath}.
     *
     * @throws java.nio.file.NoSuchFileException if it vanished
     * @throws java.nio.file.NotDirectoryException if it is no longer a directory
     * @throws java.nio.file.AccessDeniedException if it cannot be read
     */
    Subdirectories subdirectories(byte[] absolutePath) throws IOException {
        if (leafRule.applies() && leafRule.isLeaf(lister.links(absolutePath))) {
            return Subdirectories.NONE_BY_LINK_COUNT;
        }
        List<byte[]> names = new ArrayList<>();
        for (DirectoryEntry entry : lister.list(absolutePath)) {
            // d_type says what the entry is without following it (the binding falls back to
            // statx(AT_SYMLINK_NOFOLLOW) for DT_UNKNOWN), so a link to a directory is not walked
            if (entry.type() == EntryType.DIRECTORY) {
                names.add(entry.name());
            }
        }
        return new Subdirectories(names, true);
    }

    @Override
    public void close() {
        lister.close();
    }
}
