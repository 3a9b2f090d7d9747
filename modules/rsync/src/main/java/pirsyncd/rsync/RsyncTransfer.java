package pirsyncd.rsync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;
import pirsyncd.model.Batch;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;
import pirsyncd.model.Transfer;
import pirsyncd.model.TransferResult;
import pirsyncd.model.TransferResult.Outcome;

/**
 * Carries out batches for one target with the real rsync binary. A {@link Batch.Full} is one
 * {@code rsync -a --delete} of the whole tree. A {@link Batch.Incremental} applies its moves as
 * renames where the destination can (local, ssh; an rsync daemon cannot, so there a move is a
 * delete and a send), then sends its paths with content compared and deletes the missing ones,
 * then its trees recursively; every name list goes on rsync's stdin as raw bytes.
 *
 * <p>Called by one thread per target (the scheduler's worker); it keeps no state between batches
 * except the rsync version, read on first use.
 */
public final class RsyncTransfer implements Transfer {
    private static final TaggedLogger LOG = Logger.tag("rsync");

    private final Path sourceRoot;
    private final Destination destination;
    private final TransferOptions options;
    private final String targetName;
    private final ProcessRun processes;
    private volatile RsyncVersion version;

    /**
     * A transfer from {@code sourceRoot} to {@code destination}; nothing runs until {@link #run}.
     *
     * @param targetName the target's name from the config, tagging its log lines
     */
    public RsyncTransfer(Path sourceRoot, Destination destination, TransferOptions options, String targetName) {
        this(sourceRoot, destination, options, targetName, null,
                ProcessRun.forTarget(targetName, options.debugCommands()));
    }

    /** For tests: a transfer that believes the local rsync is {@code version} (e.g. to exercise the pre-3.1 path). */
    RsyncTransfer(Path sourceRoot, Destination destination, TransferOptions options, String targetName,
            RsyncVersion version) {
        this(sourceRoot, destination, options, targetName, version,
                ProcessRun.forTarget(targetName, options.debugCommands()));
    }

    /** For tests: a transfer whose {@code debug.commands} lines go to {@code commandLog} instead of the log. */
    RsyncTransfer(Path sourceRoot, Destination destination, TransferOptions options, String targetName,
            Consumer<String> commandLog) {
        this(sourceRoot, destination, options, targetName, null, new ProcessRun(targetName,
                options.debugCommands() ? Optional.of(commandLog) : Optional.empty()));
    }

    private RsyncTransfer(Path sourceRoot, Destination destination, TransferOptions options, String targetName,
            RsyncVersion version, ProcessRun processes) {
        this.sourceRoot = Objects.requireNonNull(sourceRoot);
        this.destination = Objects.requireNonNull(destination);
        this.options = Objects.requireNonNull(options);
        this.targetName = Objects.requireNonNull(targetName);
        this.version = version;
        this.processes = processes;
    }

    /** The target's name. */
    public String targetName() {
        return targetName;
    }

    /** Where this target mirrors to. */
    public Destination destination() {
        return destination;
    }

    /**
     * The local rsync's version, read once by running {@code rsyncPath --version}.
     *
     * @throws IOException with a one-line message if rsync cannot be run
     */
    public RsyncVersion rsyncVersion() throws IOException, InterruptedException {
        RsyncVersion known = version;
        if (known == null) {
            processes.announce(ChildCommand.of("version", List.of(options.rsyncPath(), "--version")));
            known = RsyncVersion.detect(options.rsyncPath());
            version = known;
        }
        return known;
    }

    /** The command lines this target runs, for {@code pirsyncd check} and {@code debug.commands}. */
    public RsyncCommands commands() throws IOException, InterruptedException {
        return RsyncCommands.of(sourceRoot, destination, options, rsyncVersion());
    }

    @Override
    public TransferResult run(Batch batch) throws InterruptedException {
        BatchRun run = new BatchRun(System.nanoTime());
        try {
            RsyncVersion detected = rsyncVersion();
            options.passwordFile().ifPresent(PasswordFile::check);
            RsyncArgs args = new RsyncArgs(sourceRoot, destination, options, detected);
            Optional<TransferResult> refused = new DeleteGuard(sourceRoot, destination, options, processes)
                    .refusal(args, batch, run.elapsed());
            if (refused.isPresent()) {
                LOG.warn("[{}] {}", targetName, refused.get().meaning());
                return refused.get();
            }
            switch (batch) {
                case Batch.Full full -> {
                    LOG.info("[{}] full transfer to {} ({})", targetName, destination.display(), full.reason());
                    run.rsync("full", args, RsyncArgs::full, new byte[0]);
                }
                case Batch.Incremental incremental -> {
                    if (HardLinks.kept(options.extraArgs())
                            && HardLinks.namedFileHasOtherNames(sourceRoot, incremental)) {
                        LOG.info("[{}] full transfer to {} (a changed file has other hard links: -H links only"
                                + " names sent in the same transfer)", targetName, destination.display());
                        run.rsync("full", args, RsyncArgs::full, new byte[0]);
                    } else {
                        incremental(run, args, detected, incremental);
                    }
                }
            }
            return run.result();
        } catch (IOException | IllegalArgumentException e) {
            String meaning = "[" + targetName + "] " + e.getMessage();
            LOG.error(meaning);
            return run.failed(Outcome.FATAL, -1, meaning);
        }
    }

    private void incremental(BatchRun run, RsyncArgs args, RsyncVersion detected, Batch.Incremental batch)
            throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        SortedSet<RelativePath> paths = new TreeSet<>(batch.paths());
        SortedSet<RelativePath> trees = new TreeSet<>(batch.trees());
        RenameResult renamed = applyMoves(run, args, batch.moves());
        boolean rootRenamedIn = false;
        switch (renamed) {
            case RenameResult.Unknown unknown -> {
                LOG.warn("[{}] {}", targetName, unknown.meaning());
                run.renamesFailed(unknown);
                return;
            }
            case RenameResult.Done done -> {
                // a rename at the destination stamps both parent folders with the time of the rename:
                // naming them (without their content) gives them the source's times back
                List<Move> moves = batch.moves();
                for (int i = 0; i < moves.size(); i++) {
                    Move move = moves.get(i);
                    if (!done.skipped().contains(move)) {
                        for (RelativePath parent : List.of(move.from().parent(), move.to().parent())) {
                            RelativePath now = whereItIsNow(parent, moves.subList(i + 1, moves.size()));
                            if (now.isRoot()) {
                                rootRenamedIn = true;
                            } else {
                                paths.add(now);
                            }
                        }
                    }
                }
                // a move that could not be a rename becomes a delete of the old name and a send of the
                // new (the Batch contract)
                for (Move skipped : done.skipped()) {
                    LOG.info("[{}] {} -> {} not applied as a rename; deleting and sending instead", targetName,
                            skipped.from(), skipped.to());
                    paths.add(skipped.from());
                    switch (skipped.kind()) {
                        case FILE -> paths.add(skipped.to());
                        case DIRECTORY -> trees.add(skipped.to());
                    }
                }
            }
        }
        if (!sendPlaces(run, args, detected, paths, trees)) {
            return;
        }
        if (rootRenamedIn) {
            run.rsync("root", args, (a, delete) -> a.rootAttributes(), new byte[0]);
        }
    }

    /**
     * Where {@code path} is once the {@code later} moves are done: a folder a file was renamed into may
     * itself be renamed further on in the same batch, and it is its final name that needs its times back.
     */
    static RelativePath whereItIsNow(RelativePath path, List<Move> later) {
        RelativePath now = path;
        for (Move move : later) {
            if (!move.from().isRoot() && now.isWithin(move.from())) {
                now = now.rebase(move.from(), move.to());
            }
        }
        return now;
    }

    /** The paths run, then the trees run; false if one failed (the run holds why). */
    private boolean sendPlaces(BatchRun run, RsyncArgs args, RsyncVersion detected, SortedSet<RelativePath> paths,
            SortedSet<RelativePath> trees) throws IOException, InterruptedException {
        if (detected.hasDeleteMissingArgs()) {
            if (!paths.isEmpty() && !run.rsync("paths", args, RsyncArgs::paths, NameList.of(paths))) {
                return false;
            }
            return trees.isEmpty() || run.rsync("trees", args, RsyncArgs::trees, NameList.of(trees));
        } else {
            // a deleted directory must be included with its content, or the exclude that keeps an
            // existing one from being recursed would also protect the content from --delete; so must
            // a file, whose place a directory may still hold at the destination (a file has nothing
            // below it to send)
            SortedSet<RelativePath> single = new TreeSet<>();
            SortedSet<RelativePath> withContent = new TreeSet<>();
            for (RelativePath path : paths) {
                boolean directory = !SourceProbe.missing(sourceRoot, path) && !SourceProbe.notADirectory(sourceRoot, path);
                (directory ? single : withContent).add(path);
            }
            if (!paths.isEmpty() && !run.rsync("paths (rsync < 3.1, filtered)", args,
                    (a, delete) -> a.confined(delete, true), FilterRules.confineTo(single, withContent))) {
                return false;
            }
            return trees.isEmpty() || run.rsync("trees (rsync < 3.1, filtered)", args,
                    (a, delete) -> a.confined(delete, false), FilterRules.confineTo(List.of(), trees));
        }
    }

    private RenameResult applyMoves(BatchRun run, RsyncArgs args, List<Move> moves)
            throws IOException, InterruptedException {
        if (moves.isEmpty()) {
            return new RenameResult.Done(List.of());
        }
        return switch (destination) {
            case Destination.Local local -> {
                run.touching();
                yield LocalRenames.apply(processes, local.directory(), moves, options.stepTimeout());
            }
            case Destination.Ssh ssh -> {
                run.touching();
                yield SshRenames.apply(processes, args, ssh, moves, options.stepTimeout());
            }
            // the rsync daemon protocol has no rename
            case Destination.RsyncDaemon daemon -> new RenameResult.Done(moves);
        };
    }

    /** Which argument vector a step runs, given the (possibly reduced) options and whether to delete. */
    @FunctionalInterface
    private interface Step {
        List<String> argv(RsyncArgs args, boolean delete);
    }

    /** One batch's progress: the counters so far and the first failure; lives on the calling thread only. */
    private final class BatchRun {
        private final long started;
        private RsyncStats stats = RsyncStats.NONE;
        private TransferResult failure;
        // false until something that may change the destination has started; a batch that fails
        // before that can be retried as it was, renames included
        private boolean touched;
        // an exit code that still counts as success (24: files vanished), reported with the result
        private int okExit;
        private String okMeaning = "ok";

        BatchRun(long started) {
            this.started = started;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started);
        }

        void touching() {
            touched = true;
        }

        /**
         * Runs one rsync; false if the batch must stop here. With {@code maxDelete} set, the runs of
         * one batch share it: each gets what the earlier ones left ({@code --max-delete=0} lets none
         * through, rsync 3.0 and later), so a batch never deletes more than the limit in total.
         */
        boolean rsync(String step, RsyncArgs args, Step argv, byte[] stdin) throws IOException, InterruptedException {
            RsyncArgs allowed = args;
            if (options.maxDelete().isPresent()) {
                long left = Math.max(0, options.maxDelete().getAsInt() - stats.deletions());
                allowed = args.withMaxDelete((int) left);
            }
            ProcessRun.Result result;
            touched = true;
            try {
                result = processes.run(new ChildCommand(step, argv.argv(allowed, options.delete()), stdin,
                        Optional.empty()), options.runTimeout());
            } catch (IOException e) {
                throw new IOException("rsyncPath: cannot run '" + options.rsyncPath() + "' (" + e.getMessage()
                        + "); install rsync or set rsyncPath to its full path", e);
            }
            stats = stats.plus(RsyncStats.parse(result.stdout()));
            Outcome outcome = RsyncRunOutcome.of(result);
            String meaning = RsyncRunOutcome.meaning(step, result, options);
            if (result.exitCode() != 0 && outcome == Outcome.OK) {
                LOG.info("[{}] {}", targetName, meaning);
                okExit = result.exitCode();
                okMeaning = meaning;
            } else if (outcome != Outcome.OK) {
                LOG.warn("[{}] {}", targetName, meaning);
            }
            if (outcome != Outcome.OK) {
                failure = new TransferResult(outcome, result.exitCode(), meaning, stats.filesSent(),
                        stats.bytesSent(), elapsed(), false, RsyncRunOutcome.holdsTheTarget(result));
                return false;
            }
            return true;
        }

        /** The rename step could not tell what it did: a RETRY, with the renames offered again if none happened. */
        void renamesFailed(RenameResult.Unknown unknown) {
            failure = new TransferResult(Outcome.RETRY, unknown.exitCode(), unknown.meaning(), stats.filesSent(),
                    stats.bytesSent(), elapsed(), unknown.noneApplied(), false);
        }

        /** A failure outside rsync (it cannot be started, a bad password file). */
        TransferResult failed(Outcome outcome, int exitCode, String meaning) {
            return new TransferResult(outcome, exitCode, meaning, stats.filesSent(), stats.bytesSent(), elapsed(),
                    !touched, false);
        }

        TransferResult result() {
            if (failure != null) {
                return failure;
            }
            return new TransferResult(Outcome.OK, okExit, okMeaning, stats.filesSent(), stats.bytesSent(), elapsed());
        }
    }
}
