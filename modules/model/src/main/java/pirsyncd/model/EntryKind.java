package pirsyncd.model;

/**
 * What kind of entry a change concerns, as far as inotify can tell: {@code IN_ISDIR} marks
 * directories, everything else (regular files, symlinks, devices, fifos, sockets) is a file to
 * rsync.
 */
public enum EntryKind {
    /** Anything that is not a directory; rsync copies it as one entry. */
    FILE,
    /** A directory; it may hold a subtree. */
    DIRECTORY
}
