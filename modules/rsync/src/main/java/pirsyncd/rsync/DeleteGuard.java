package pirsyncd.rsync;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
    private static final Duration LIST_LIMIT = Duration.ofMinutes(2);

    private enum State { MISSING, EMPTY, NOT_EMPTY, UNKNOWN }

    private final Path sourceRoot;
    private final Destination destination;
    private final TransferOptions options;
    private final String targetName;

    DeleteGuard(Path sourceRoot, Destination destination, TransferOptions options, String targetName) {
        this.sourceRoot = sourceRoot;
        this.destination = destination;
        this.options = options;
        this.targetName = targetName;
    }

    /** A FATAL (or, if the destination cannot be listed, RETRY) result if the batch must not run. */
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
            case NOT_EMPTY -> Optional.of(new TransferResult(Outcome.FATAL, -1, "[" + targetName + "] source root "
                    + sourceRoot + " is " + words(source) + " but destination " + destination.display()
                    + " is not: refusing to propagate deletions (an unmounted source must not wipe the mirror);"
                    + " mount or refill the source, or set allowDeleteWhenSourceEmpty if emptying is intended",
                    0, 0, elapsed));
            case UNKNOWN -> Optional.of(new TransferResult(Outcome.RETRY, -1, "[" + targetName + "] source root "
                    + sourceRoot + " is " + words(source) + " and destination " + destination.display()
                    + " cannot be listed to check it is empty too; not deleting anything, will retry",
                    0, 0, elapsed));
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
        ProcessRun.Result listing = ProcessRun.run(targetName, args.listDestination(), new byte[0],
                Optional.of(LIST_LIMIT), Optional.empty());
        return switch (listing.exitCode()) {
            // every line but the directory itself (".") is an entry
            case 0 -> listing.stdout().stream().anyMatch(l -> !l.isBlank() && !l.endsWith(" ."))
                    ? State.NOT_EMPTY : State.EMPTY;
            // the destination directory does not exist yet (rsync: change_dir failed)
            case 3, 23 -> State.MISSING;
            default -> State.UNKNOWN;
        };
    }
}
