package pirsyncd.config;

/**
 * Extra logging for debugging, as the original's {@code --debug} file had.
 *
 * @param events log every inotify event and the change it became
 * @param commands log every rsync command line and its file list
 */
public record DebugSettings(boolean events, boolean commands) {}
