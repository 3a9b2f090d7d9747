package pirsyncd.inotify;

/** What a directory entry is, as far as mirroring cares; symbolic links are never followed. */
public enum EntryType {
    /** A directory: watched and walked into. */
    DIRECTORY,
    /** A regular file. */
    FILE,
    /** A symbolic link (copied as a link, never followed). */
    SYMLINK,
    /** A device, FIFO or socket. */
    OTHER
}
