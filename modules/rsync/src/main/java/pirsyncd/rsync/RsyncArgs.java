package pirsyncd.rsync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Builds the argument vectors for one target. Every vector starts with the rsync binary and ends
 * with source and destination; names never appear in it, they go on stdin ({@code --files-from=-
 * --from0}, rsync(1)) so that any byte sequence works and the command line stays short.
 */
final class RsyncArgs {
    private final String source;
    private final Destination destination;
    private final TransferOptions options;
    private final RsyncVersion version;
    private final Path sourceRoot;

    RsyncArgs(Path sourceRoot, Destination destination, TransferOptions options, RsyncVersion version) {
        // the trailing slash: copy the root's content, not the root itself (rsync(1), USAGE)
        this.source = sourceRoot.toString().endsWith("/") ? sourceRoot.toString() : sourceRoot + "/";
        this.sourceRoot = sourceRoot;
        this.destination = destination;
        this.options = options;
        this.version = version;
    }

    /** The same vectors with {@code --max-delete=left}: what an earlier run of the same batch left of maxDelete. */
    RsyncArgs withMaxDelete(int left) {
        return new RsyncArgs(sourceRoot, destination, options.toBuilder().maxDelete(OptionalInt.of(left)).build(),
                version);
    }

    /** {@code -a --delete} over the whole tree, compared by size and mtime (or checksum if asked). */
    List<String> full(boolean delete) {
        List<String> argv = start();
        argv.add("-a");
        if (delete) {
            argv.add("--delete");
        }
        if (options.checksum()) {
            argv.add("--checksum");
        }
        return finish(argv);
    }

    /**
     * Each listed path on its own (no -r: {@code --files-from} turns off -a's recursion), sent with
     * {@code --ignore-times} so that content is compared even when size and mtime match — the daemon
     * knows these changed, and unlike {@code --checksum} this reads each file once and lets the delta
     * algorithm keep a small edit small on the wire. Missing names become deletions.
     */
    List<String> paths(boolean delete) {
        List<String> argv = start();
        argv.add("-a");
        filesFromStdin(argv);
        argv.add("--ignore-times");
        missingArgs(argv, delete);
        return finish(argv);
    }

    /** Each listed directory recursively, quick check, {@code --delete} inside it. */
    List<String> trees(boolean delete) {
        List<String> argv = start();
        argv.add("-a");
        argv.add("-r");
        filesFromStdin(argv);
        if (delete) {
            argv.add("--delete");
        }
        missingArgs(argv, delete);
        if (options.checksum()) {
            argv.add("--checksum");
        }
        return finish(argv);
    }

    /**
     * For an rsync older than 3.1 (no {@code --delete-missing-args}): a recursive run from the root
     * that a filter list on stdin ({@link FilterRules}) confines to the named places and the
     * directories leading to them, so its cost is the size of those directories, not of the tree.
     */
    List<String> confined(boolean delete, boolean ignoreTimes) {
        List<String> argv = start();
        argv.add("-a");
        if (delete) {
            argv.add("--delete");
        }
        if (ignoreTimes) {
            argv.add("--ignore-times");
        } else if (options.checksum()) {
            argv.add("--checksum");
        }
        // the user's excludes first: the first matching rule wins, and they must beat the includes
        excludes(argv);
        // --from0 first: rsync reads an --exclude-from file the moment it parses that option
        argv.add("--from0");
        argv.add("--exclude-from=-");
        return finish(argv);
    }

    /**
     * The root folder's own attributes, none of its content: what a rename at the destination's top
     * level stamped with its own time. (The root cannot be named in a {@code --files-from} list
     * without its files: "." there means its content, rsync(1), --dirs.)
     */
    List<String> rootAttributes() {
        List<String> argv = start();
        argv.add("-a");
        argv.add("-d");
        argv.add("--exclude=/*");
        return finish(argv);
    }

    /** Lists the destination's top directory, to tell an empty mirror from a full one. */
    List<String> listDestination() {
        List<String> argv = start();
        argv.add("--list-only");
        argv.add("-d");
        argv.addAll(connection());
        argv.add(destinationArgument());
        return argv;
    }

    private void filesFromStdin(List<String> argv) {
        argv.add("--from0");
        argv.add("--files-from=-");
    }

    private void missingArgs(List<String> argv, boolean delete) {
        if (delete && version.hasDeleteMissingArgs()) {
            argv.add("--delete-missing-args");
            // a missing directory that is not empty at the destination is deleted only with --force
            // or --delete (rsync(1), --delete-missing-args)
            argv.add("--force");
        } else if (version.hasDeleteMissingArgs()) {
            argv.add("--ignore-missing-args");
        }
        // older rsync: missing names are an error (exit 23) unless left out of the list, which
        // RsyncTransfer does before calling (and deletes them with filteredDelete)
    }


    private List<String> start() {
        List<String> argv = new ArrayList<>();
        argv.add(options.rsyncPath());
        return argv;
    }

    private List<String> finish(List<String> argv) {
        argv.add("--stats");
        if (argv.contains("--delete") || argv.contains("--delete-missing-args")) {
            options.maxDelete().ifPresent(n -> argv.add("--max-delete=" + n));
        }
        if (options.partialDir().isPresent()) {
            argv.add("--partial-dir=" + options.partialDir().get());
        } else if (options.partial()) {
            argv.add("--partial");
        }
        if (options.appendVerify()) {
            argv.add("--append-verify");
        } else if (options.append()) {
            argv.add("--append");
        }
        options.maxSize().ifPresent(n -> argv.add("--max-size=" + n));
        options.minSize().ifPresent(n -> argv.add("--min-size=" + n));
        if (options.compress()) {
            argv.add("-z");
        }
        options.bwlimit().ifPresent(n -> argv.add("--bwlimit=" + n));
        options.timeout().ifPresent(d -> argv.add("--timeout=" + d.toSeconds()));
        options.logFile().ifPresent(f -> argv.add("--log-file=" + f));
        if (!argv.contains("--exclude-from=-")) {
            excludes(argv);
        }
        argv.addAll(connection());
        argv.addAll(options.extraArgs());
        argv.add(source);
        argv.add(destinationArgument());
        return argv;
    }

    private void excludes(List<String> argv) {
        argv.addAll(options.excludes().rsyncFilterArguments());
    }

    /** The options that say how to reach the destination. */
    private List<String> connection() {
        List<String> argv = new ArrayList<>();
        switch (destination) {
            case Destination.Local local -> {
                // nothing to reach
            }
            case Destination.Ssh ssh -> {
                argv.add("-e");
                argv.add(sshCommand(List.of()).stream().map(ShellQuote::rsyncRshWord)
                        .collect(Collectors.joining(" ")));
                options.remoteRsyncPath().ifPresent(p -> argv.add("--rsync-path=" + p));
                // the remote path goes over the protocol, not through the remote shell (rsync(1), -s)
                argv.add("-s");
            }
            case Destination.RsyncDaemon daemon -> {
                options.contimeout().ifPresent(d -> argv.add("--contimeout=" + d.toSeconds()));
                options.passwordFile().ifPresent(f -> argv.add("--password-file=" + f));
                argv.add("-s");
            }
        }
        return argv;
    }

    /**
     * The ssh command: {@code BatchMode=yes} so a missing key fails at once instead of waiting at a
     * password prompt nobody will answer (ssh_config(5)), then port, identity, the user's options,
     * and last the {@code contimeout} as {@code ConnectTimeout}. For {@code -o}, ssh keeps the
     * <em>first</em> value it is given for an option (ssh(1), ssh_config(5): "the first obtained
     * value will be used"), so the user's options come before the one we derive, and ours is left
     * out when the user set it; {@code BatchMode=yes} stays first because nothing may prompt.
     */
    List<String> sshCommand(List<String> remoteCommand) {
        List<String> argv = new ArrayList<>();
        argv.add(options.sshPath());
        argv.add("-o");
        argv.add("BatchMode=yes");
        options.sshPort().ifPresent(p -> {
            argv.add("-p");
            argv.add(Integer.toString(p));
        });
        options.sshIdentityFile().ifPresent(f -> {
            argv.add("-i");
            argv.add(f.toString());
        });
        for (String option : options.sshOptions()) {
            argv.add("-o");
            argv.add(option);
        }
        if (!userSetsSshOption("ConnectTimeout")) {
            options.contimeout().ifPresent(d -> {
                argv.add("-o");
                argv.add("ConnectTimeout=" + d.toSeconds());
            });
        }
        if (!remoteCommand.isEmpty() && destination instanceof Destination.Ssh ssh) {
            argv.add(ssh.login());
            argv.addAll(remoteCommand);
        }
        return argv;
    }

    /** True if one of the user's {@code sshOptions} ({@code Key=Value}) sets {@code key}; ssh ignores its case. */
    private boolean userSetsSshOption(String key) {
        return options.sshOptions().stream()
                .anyMatch(option -> option.substring(0, option.indexOf('=')).strip().equalsIgnoreCase(key));
    }

    /** The destination directory with a trailing slash, in the form rsync takes on its command line. */
    String destinationArgument() {
        String text = switch (destination) {
            case Destination.Local local -> local.directory().toString();
            case Destination.Ssh ssh -> ssh.display();
            case Destination.RsyncDaemon daemon -> daemon.url();
        };
        return text.endsWith("/") ? text : text + "/";
    }
}
