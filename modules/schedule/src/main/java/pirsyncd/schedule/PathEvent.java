package pirsyncd.schedule;

/** What happened at one place, as the coalescing table sees it. */
enum PathEvent {
    /** A file (anything not a directory) appeared. */
    CREATED_FILE,
    /** A directory appeared with whatever subtree it has. */
    CREATED_DIRECTORY,
    /** A file's content was written. */
    MODIFIED,
    /** Mode, owner, times or extended attributes changed. */
    ATTRIBUTES_CHANGED,
    /** The entry is gone, with its subtree. */
    DELETED,
    /** A file was renamed to here; the destination renames its copy, which is then checked cheaply. */
    FILE_MOVED_HERE,
    /** A directory was renamed to here; the destination renames its copy, then checks the subtree. */
    DIRECTORY_MOVED_HERE,
    /** The watcher may have missed changes below here: compare the subtree. */
    RESCANNED,
    /** A place from a failed batch that must be synced again. */
    RETRIED_PATH,
    /** A subtree from a failed batch that must be synced again. */
    RETRIED_TREE
}
