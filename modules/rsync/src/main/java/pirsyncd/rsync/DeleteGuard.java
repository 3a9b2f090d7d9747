package pirsyncd.rsync;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import pirsyncd.model.Batch;
import pirsyncd.model.TransferResult;
import pirsyncd.model.TransferResult.Outcome;

/**
 * The mass-deletion guard: no deletion is propagated while the source root is missing or empty and
 * the destination is not, unless {@link TransferOptions#allowDeleteWhenSourceEmpty()}. An unmounted
 * disk looks exactly like a deliberately emptied tree; only a person can tell them apart, so the
 * batch is kept (FATAL: backed off long) and nothing runs. The destination is listed only when
 * the source is empty, so the common case costs one directory read.
 */
final class DeleteGuard {
    private static final Pattern TOP_MISSING =
            Pattern.compile("(change_dir|link_stat) \"[^\"]*\".* failed: No such file or directory \\(2\\)$");

    enum State { MISSING, EMPTY, NOT_EMPTY, UNKNOWN }

    private final Path sourceRoot;
    private final Destination destination;
    private final TransferOptions options;
    private final ProcessRun processes;

    DeleteGuard(Path sourceRoot, Destination destination, TransferOptions options, ProcessRun processes) {
        this.sourceRoot = sourceRoot;
        this.destination = destination;
        this.options = options;
        this.processes = processes;
    }

    /**
     * A FATAL (or, if the destination cannot be listed, RETRY) result if the batch must not run;
     * nothing has run then, so its renames can be retried as they are.
     */
    Optional<TransferResult> refusal(RsyncArgs args, Batch batch, Duration elapsed)
            throws IOException, InterruptedException {
        boolean mayDelete = switch (batch) {
            case Batch.Full full -> true;
            case Batch.Incremental incremental -> !incremental.isEmpty();
        };
        if (!options.delete() || options.allowDeleteWhenSourceEmpty() || !mayDelete) {
            return Optional.empty();
        }
        State source = directoryState(sourceRoot);
        if (source == State.NOT_EMPTY) {
            return Optional.empty();
        }
        State target = destinationState(args);
        return switch (target) {
            case MISSING, EMPTY -> Optional.empty();
            case NOT_EMPTY -> Optional.of(new TransferResult(Outcome.FATAL, -1, "[" + processes.target() + "] source root "
                    + sourceRoot + " is " + words(source) + " but destination " + destination.display()
                    + " is not: refusing to propagate deletions (an unmounted source must not wipe the mirror);"
                    + " mount or refill the source, or set allowDeleteWhenSourceEmpty if emptying is intended",
                    0, 0, elapsed, true, false));
            case UNKNOWN -> Optional.of(new TransferResult(Outcome.RETRY, -1, "[" + processes.target() + "] source root "
                    + sourceRoot + " is " + words(source) + " and destination " + destination.display()
                    + " cannot be listed to check it is empty too; not deleting anything, will retry",
                    0, 0, elapsed, true, false));
        };
    }

    private static String words(State state) {
        return switch (state) {
            case MISSING -> "missing";
            case EMPTY -> "empty";
            case NOT_EMPTY -> "not empty";
            case UNKNOWN -> "unreadable";
        };
    }

    private static State directoryState(Path directory) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return entries.iterator().hasNext() ? State.NOT_EMPTY : State.EMPTY;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return State.MISSING;
        } catch (IOException e) {
            return State.UNKNOWN;
        }
    }

    private State destinationState(RsyncArgs args) throws IOException, InterruptedException {
        if (destination instanceof Destination.Local local) {
            return directoryState(local.directory());
        }
        ProcessRun.Result listing = processes.run(ChildCommand.of("deletion guard", args.listDestination()),
                Optional.of(options.stepTimeout()));
        return listed(listing);
    }

    /**
     * What {@code rsync --list-only -d DEST/} says about the destination. Any entry listed besides
     * "." means it is not empty, whatever else failed. It counts as missing only when rsync says
     * so and nothing else: exit 23 (or 3) with every complaint a "No such file or directory" for
     * the directory itself ({@code change_dir "/srv/m" failed} or {@code link_stat "/srv/m/."
     * failed}). A listing that failed in any other way (a permission, an I/O error, a timeout) is
     * unknown, so no deletion goes through on a guess.
     */
    static State listed(ProcessRun.Result listing) {
        boolean entries = listing.stdout().stream().anyMatch(l -> !l.isBlank() && !l.endsWith(" ."));
        if (entries) {
            return State.NOT_EMPTY;
        }
        if (listing.timedOut()) {
            return State.UNKNOWN;
        }
        return switch (listing.exitCode()) {
            case 0 -> State.EMPTY;
            case 3, 23 -> onlyTopDirectoryMissing(listing.stderr()) ? State.MISSING : State.UNKNOWN;
            default -> State.UNKNOWN;
        };
    }

    private static boolean onlyTopDirectoryMissing(List<String> stderr) {
        // rsync's own complaints start with "rsync:"; its closing "rsync error: ... (code 23)" repeats
        // the exit code; other lines (ssh's warnings) say nothing about the listing
        List<String> complaints = stderr.stream().map(String::strip)
                .filter(l -> l.startsWith("rsync:") && !l.startsWith("rsync error:")).toList();
        return !complaints.isEmpty() && complaints.stream().allMatch(l -> TOP_MISSING.matcher(l).find());
    }
}
