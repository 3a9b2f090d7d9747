package pirsyncd.rsync;

import java.nio.file.Path;
import java.util.List;
import pirsyncd.model.RelativePath;

/**
 * The exact argument vectors a target runs, for {@code pirsyncd check} and {@code debug.commands}.
 * Incremental runs read their names from stdin; {@link #exampleNames} shows what a typical list
 * holds, since the command line itself never contains a name.
 *
 * @param full a full transfer ({@code Batch.Full}: first sync, overflow, {@code resync})
 * @param paths the run that sends or deletes single changed paths of an incremental batch
 * @param trees the run that sends new or moved directories of an incremental batch recursively
 * @param exampleNames a description of the NUL-separated list fed to {@code paths} and {@code trees}
 */
public record RsyncCommands(List<String> full, List<String> paths, List<String> trees, String exampleNames) {
    public RsyncCommands {
        full = List.copyOf(full);
        paths = List.copyOf(paths);
        trees = List.copyOf(trees);
    }

    /** The commands for a target, given the local rsync's version. */
    public static RsyncCommands of(Path sourceRoot, Destination destination, TransferOptions options,
            RsyncVersion version) {
        RsyncArgs args = new RsyncArgs(sourceRoot, destination, options, version);
        boolean delete = options.delete();
        String names = "stdin: NUL-separated raw names, e.g. "
                + RelativePath.of("docs/report.txt") + "\\0" + RelativePath.of("photos/2026") + "\\0";
        if (version.hasDeleteMissingArgs()) {
            return new RsyncCommands(args.full(delete), args.paths(delete), args.trees(delete), names);
        }
        return new RsyncCommands(args.full(delete), args.confined(delete, true), args.confined(delete, false),
                "stdin: NUL-separated filter rules confining the run to the changed names (rsync < 3.1)");
    }

    /** A command shell-quoted so that it can be pasted into a POSIX shell. */
    public static String shellQuoted(List<String> argv) {
        return ShellQuote.commandLine(argv);
    }

    /** All three commands, one per line, shell-quoted, labelled. */
    public String describe() {
        return "full:  " + shellQuoted(full) + "\npaths: " + shellQuoted(paths) + " < names\ntrees: "
                + shellQuoted(trees) + " < names\n(" + exampleNames + ")";
    }
}
