package pirsyncd.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of every setting with a worked example: the data behind
 * {@code pirsyncd examples [OPTION]}, and the single list of known keys that unknown-key
 * detection, docs/config.md and docs/pirsyncd.schema.json are checked against (by tests).
 */
public final class ConfigExamples {
    private ConfigExamples() {}

    private static ConfigExample top(String key, String json, String flag, String description) {
        return new ConfigExample(key, json, flag, description, false);
    }

    private static ConfigExample rsync(String key, String json, String flag, String description) {
        return new ConfigExample(key, json, flag, description, true);
    }

    private static final List<ConfigExample> ALL = List.of(
            top("instance", "\"instance\": \"www\"", "--instance www",
                    "Names this daemon's control socket, pid file and log; default: the config file's name without .json, or \"default\"."),
            top("source", "\"source\": \"/srv/www\"", "--source /srv/www",
                    "The directory tree to watch and mirror; required; a relative path is taken from the config file's directory."),
            top("targets", "\"targets\": [{\"name\": \"backup\", \"destination\": \"/backup/www\"}, {\"destination\": \"mirror.example.org:/srv/www\", \"bwlimit\": \"2M\"}]",
                    "--destination /backup/www",
                    "The destinations, in order; at least one; each may override any rsync option; --destination stands for a single target."),
            top("targets[].destination", "\"targets\": [{\"destination\": \"backup@mirror.example.org:/srv/www\"}]",
                    "--destination backup@mirror.example.org:/srv/www",
                    "Where to mirror to, in rsync syntax: a local folder, [user@]host:path over ssh, or host::module / rsync://host/module over the rsync daemon protocol."),
            top("targets[].name", "\"targets\": [{\"name\": \"offsite\", \"destination\": \"mirror.example.org:/srv/www\"}]",
                    "--target-name offsite",
                    "The target's name in status, logs and metrics; default: the destination as written; must be unique."),
            top("delay", "\"delay\": 0.5", "--delay 0.5",
                    "Seconds to wait after a change for more changes before syncing (fractions allowed); default 1."),
            top("maxDelay", "\"maxDelay\": 30", "--max-delay 30",
                    "Seconds after which pending changes are synced even while changes keep coming; at least delay; default 10 x delay."),
            top("everyEvents", "\"everyEvents\": 1000", "--every-events 1000",
                    "Sync as soon as this many places (files or folders) have changes pending, without waiting for the delay; many writes to one file count once; 0 turns it off (the default)."),
            top("initialSync", "\"initialSync\": false", "--initial-sync false",
                    "Whether to run a full sync of every target once the watches are set up; default true."),
            top("exclude", "\"exclude\": [\"*.tmp\", \"/cache/\", \".git/\"]", "--exclude '*.tmp' --exclude /cache/",
                    "Rsync-syntax exclude patterns, applied alike to watching and to transfers; default none."),
            top("retry.initial", "\"retry\": {\"initial\": 2}", "--retry-initial 2",
                    "Seconds before the first retry of a failed sync; each retry waits twice as long; default 1."),
            top("retry.max", "\"retry\": {\"max\": 300}", "--retry-max 300",
                    "The longest wait between retries in seconds; at least retry.initial; default 60."),
            top("maxPending", "\"maxPending\": 50000", "--max-pending 50000",
                    "Pending changed paths per target beyond which they are replaced by one full sync; default 100000."),
            top("shutdownTimeout", "\"shutdownTimeout\": 120", "--shutdown-timeout 120",
                    "Seconds that stop (or SIGTERM) waits for the final sync of pending changes; default 30."),
            top("watch.unwatchedRescanInterval", "\"watch\": {\"unwatchedRescanInterval\": 60}", "--unwatched-rescan-interval 60",
                    "Seconds between rescans of a directory that could not be watched (inotify watch limit), until it can be; at least 0.1; default 300."),
            top("watch.rootRetryInterval", "\"watch\": {\"rootRetryInterval\": 10}", "--root-retry-interval 10",
                    "Seconds between looks for a source that is gone (deleted, renamed away, unmounted); at least 0.1; default 2."),
            top("watch.maxWatches", "\"watch\": {\"maxWatches\": 100000}", "--max-watches 100000",
                    "The most inotify watches (one per directory) this instance may take, its share of fs.inotify.max_user_watches; 0 means as many as the kernel allows, the default."),
            rsync("rsyncPath", "\"rsyncPath\": \"/usr/local/bin/rsync\"", "--rsync-path /usr/local/bin/rsync",
                    "The rsync program to run, an absolute path or a name looked up in PATH; default \"rsync\"."),
            rsync("remoteRsyncPath", "\"remoteRsyncPath\": \"sudo rsync\"", "--remote-rsync-path 'sudo rsync'",
                    "The rsync program on the remote side of an ssh destination (rsync --rsync-path); default: the remote's own."),
            rsync("partial", "\"partial\": false", "--partial false",
                    "Keep partially transferred files so an interrupted transfer resumes (rsync --partial); default false."),
            rsync("partialDir", "\"partialDir\": \".rsync-partial\"", "--partial-dir .rsync-partial",
                    "Keep partial files in this directory instead of in place (rsync --partial-dir); default none."),
            rsync("append", "\"append\": true", "--append true",
                    "Append to shorter files at the destination instead of rewriting them, for files that only grow (rsync --append); default false."),
            rsync("appendVerify", "\"appendVerify\": true", "--append-verify true",
                    "Like append, but checksum the whole file afterwards (rsync --append-verify); default false."),
            rsync("maxSize", "\"maxSize\": \"500M\"", "--max-size 500M",
                    "Do not transfer files larger than this (rsync --max-size; K, M, G, T suffixes); default no limit."),
            rsync("minSize", "\"minSize\": \"1\"", "--min-size 1",
                    "Do not transfer files smaller than this (rsync --min-size); default no limit."),
            rsync("delete", "\"delete\": false", "--delete false",
                    "Delete at the destination what was deleted at the source; default true (a mirror)."),
            rsync("compress", "\"compress\": true", "--compress true",
                    "Compress data on the wire (rsync --compress), worth it on slow links only; default false."),
            rsync("bwlimit", "\"bwlimit\": \"2M\"", "--bwlimit 2M",
                    "Bandwidth limit per rsync run (rsync --bwlimit; a plain number is KiB/s); 0 means none, the default."),
            rsync("checksum", "\"checksum\": true", "--checksum true",
                    "Compare full syncs by checksum instead of size and time (rsync --checksum), slow on big trees; default false."),
            rsync("timeout", "\"timeout\": 300", "--timeout 300",
                    "Seconds without I/O after which rsync gives up and the run is retried (rsync --timeout); 0 means never; default 300; the helper steps (renames at the destination, the empty-source check) get at least this long."),
            rsync("contimeout", "\"contimeout\": 20", "--contimeout 20",
                    "Seconds to wait for the connection (rsync --contimeout for an rsync daemon, ssh ConnectTimeout for ssh); 0 means the system default; default 30."),
            rsync("runTimeout", "\"runTimeout\": 7200", "--run-timeout 7200",
                    "Seconds after which a still running rsync, or a helper step (renames at the destination, the empty-source check), is killed and retried; default none for rsync, as a first sync of a big tree may take hours, and 5 minutes (or timeout, if longer) for a helper step."),
            rsync("extraArgs", "\"extraArgs\": [\"--acls\", \"--xattrs\"]", "--extra-arg --acls --extra-arg --xattrs",
                    "Extra rsync options added to every run, one option per element; default none. With -H (keep hard links), a change to a file that has other links is sent as a full transfer, since rsync links only names sent together."),
            rsync("maxDelete", "\"maxDelete\": 1000", "--max-delete 1000",
                    "At most this many deletions per batch (rsync --max-delete, shared by the batch's runs); when a batch would delete more, the target is held (failed, no retry, changes kept) until you check the source and run pirsyncd resync; default no limit."),
            rsync("allowDeleteWhenSourceEmpty", "\"allowDeleteWhenSourceEmpty\": true", "--allow-delete-when-source-empty true",
                    "Allow a full sync with delete while the source is empty, which would empty the destination; default false (refused, as an unmounted source looks empty)."),
            rsync("ssh.path", "\"ssh\": {\"path\": \"/opt/openssh/bin/ssh\"}", "--ssh-path /opt/openssh/bin/ssh",
                    "The ssh client for ssh destinations (what rsync -e runs), an absolute path or a name looked up in PATH; default \"ssh\"."),
            rsync("ssh.port", "\"ssh\": {\"port\": 2222}", "--ssh-port 2222",
                    "The ssh port for ssh destinations; default: ssh's own (22 or ~/.ssh/config)."),
            rsync("ssh.identityFile", "\"ssh\": {\"identityFile\": \"/etc/pirsyncd/id_ed25519\"}", "--ssh-identity-file /etc/pirsyncd/id_ed25519",
                    "The private key for ssh destinations (ssh -i); it must exist; default: ssh's own."),
            rsync("ssh.options", "\"ssh\": {\"options\": [\"StrictHostKeyChecking=yes\", \"ConnectTimeout=10\"]}", "--ssh-option StrictHostKeyChecking=yes",
                    "ssh -o options, each Name=value; they come before pirsyncd's own, so a ConnectTimeout here beats contimeout; default none."),
            rsync("passwordFile", "\"passwordFile\": \"/etc/pirsyncd/www.secret\"", "--password-file /etc/pirsyncd/www.secret",
                    "The password for rsync daemon destinations (rsync --password-file); a regular file with mode 0600 owned by the user running pirsyncd."),
            rsync("rsyncLog", "\"rsyncLog\": \"/var/log/pirsyncd/www-rsync.log\"", "--rsync-log /var/log/pirsyncd/www-rsync.log",
                    "rsync's own log of every file it transfers (rsync --log-file); its folder must exist; default none."),
            top("log.file", "\"log\": {\"file\": \"/var/log/pirsyncd/www.log\"}", "--log-file /var/log/pirsyncd/www.log",
                    "The daemon's log file in the background (start); its folder must exist; default: NAME.log next to the control socket."),
            top("log.level", "\"log\": {\"level\": \"debug\"}", "--log-level debug",
                    "The log level: trace, debug, info, warn, error or off; default info."),
            top("log.levels.inotify", "\"log\": {\"levels\": {\"inotify\": \"trace\"}}", "--log-level-inotify trace",
                    "The level for the inotify tag (kernel events, watch limits); default: log.level."),
            top("log.levels.watch", "\"log\": {\"levels\": {\"watch\": \"debug\"}}", "--log-level-watch debug",
                    "The level for the watch tag (the watch tree, moves, overflows); default: log.level."),
            top("log.levels.schedule", "\"log\": {\"levels\": {\"schedule\": \"debug\"}}", "--log-level-schedule debug",
                    "The level for the schedule tag (pending changes, delays, retries); default: log.level."),
            top("log.levels.rsync", "\"log\": {\"levels\": {\"rsync\": \"debug\"}}", "--log-level-rsync debug",
                    "The level for the rsync tag (runs, exit codes, statistics); default: log.level."),
            top("log.levels.control", "\"log\": {\"levels\": {\"control\": \"warn\"}}", "--log-level-control warn",
                    "The level for the control tag (the control socket); default: log.level."),
            top("log.levels.config", "\"log\": {\"levels\": {\"config\": \"debug\"}}", "--log-level-config debug",
                    "The level for the config tag (the configuration a daemon runs with; debug: every effective setting); default: log.level."),
            top("log.levels.daemon", "\"log\": {\"levels\": {\"daemon\": \"warn\"}}", "--log-level-daemon warn",
                    "The level for the daemon tag (start, stop, signals, the pid file, systemd); default: log.level."),
            top("log.maxSize", "\"log\": {\"maxSize\": \"50M\"}", "--log-max-size 50M",
                    "The size at which the log file is rotated; default 10M."),
            top("log.backups", "\"log\": {\"backups\": 3}", "--log-backups 3",
                    "How many rotated log files to keep; default 5."),
            top("debug.events", "\"debug\": {\"events\": true}", "--debug-events true",
                    "Log every inotify event and the change it became; default false."),
            top("debug.commands", "\"debug\": {\"commands\": true}", "--debug-commands true",
                    "Log every command pirsyncd runs (rsync, the empty-source check, renames at the destination) as one line that can be pasted into a shell, its input (the file list) included as a printf; default false."));

    /** Every setting, in the order of docs/config.md. */
    public static List<ConfigExample> all() {
        return ALL;
    }

    /**
     * The example for a key ({@code ssh.port}), a flag ({@code --ssh-port}) or a leaf name
     * ({@code port}), case-insensitively; empty when nothing matches.
     */
    public static Optional<ConfigExample> find(String option) {
        String wanted = option.toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(e -> e.key().toLowerCase(Locale.ROOT).equals(wanted)
                        || (e.flagName().equals(wanted) && !e.key().equals("targets"))
                        || e.key().toLowerCase(Locale.ROOT).endsWith("." + wanted))
                .findFirst();
    }
}
