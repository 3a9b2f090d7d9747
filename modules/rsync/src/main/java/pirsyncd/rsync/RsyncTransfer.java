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
    private volatile RsyncVersion version;

    /**
     * A transfer from {@code sourceRoot} to {@code destination}; nothing runs until {@link #run}.
     *
     * @param targetName the target's name from the config, tagging its log lines
     */
    public RsyncTransfer(Path sourceRoot, Destination destination, TransferOptions options, String targetName) {
        this.sourceRoot = Objects.requireNonNull(sourceRoot);
        this.destination = Objects.requireNonNull(destination);
        this.options = Objects.requireNonNull(options);
        this.targetName = Objects.requireNonNull(targetName);
    }

    /** For tests: a transfer that believes the local rsync is {@code version} (e.g. to exercise the pre-3.1 path). */
    RsyncTransfer(Path sourceRoot, Destination destination, TransferOptions options, String targetName,
            RsyncVersion version) {
        this(sourceRoot, destination, options, targetName);
        this.version = version;
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
        long started = System.nanoTime();
        BatchRun run = new BatchRun(started);
        try {
            RsyncVersion detected = rsyncVersion();
            options.passwordFile().ifPresent(PasswordFile::check);
            RsyncArgs args = new RsyncArgs(sourceRoot, destination, options, detected);
            Optional<TransferResult> refused = new DeleteGuard(sourceRoot, destination, options, targetName)
                    .refusal(args, batch, run.elapsed());
            if (refused.isPresent()) {
                LOG.warn("[{}] {}", targetName, refused.get().meaning());
                return refused.get();
            }
            switch (batch) {
                case Batch.Full full -> {
                    LOG.info("[{}] full transfer to {} ({})", targetName, destination.display(), full.reason());
                    run.rsync("full", args.full(options.delete()), new byte[0]);
                }
                case Batch.Incremental incremental -> incremental(run, args, detected, incremental);
            }
            return run.result();
        } catch (IOException | IllegalArgumentException e) {
            String meaning = "[" + targetName + "] " + e.getMessage();
            LOG.error(meaning);
            return new TransferResult(Outcome.FATAL, -1, meaning, run.stats.filesSent(), run.stats.bytesSent(),
                    run.elapsed());
        }
    }

    private void incremental(BatchRun run, RsyncArgs args, RsyncVersion detected, Batch.Incremental batch)
            throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        SortedSet<RelativePath> paths = new TreeSet<>(batch.paths());
        SortedSet<RelativePath> trees = new TreeSet<>(batch.trees());
        // a move that could not be a rename becomes a delete of the old name and a send of the new
        for (Move unapplied : applyMoves(args, batch.moves())) {
            LOG.info("[{}] {} -> {} not applied as a rename; deleting and sending instead", targetName,
                    unapplied.from(), unapplied.to());
            paths.add(unapplied.from());
            switch (unapplied.kind()) {
                case FILE -> paths.add(unapplied.to());
                case DIRECTORY -> trees.add(unapplied.to());
            }
        }
        boolean delete = options.delete();
        if (detected.hasDeleteMissingArgs()) {
            if (!paths.isEmpty() && !run.rsync("paths", args.paths(delete), NameList.of(paths))) {
                return;
            }
            if (!trees.isEmpty()) {
                run.rsync("trees", args.trees(delete), NameList.of(trees));
            }
        } else {
            // a deleted directory must be included with its content, or the exclude that keeps an
            // existing one from being recursed would also protect the content from --delete
            SortedSet<RelativePath> single = new TreeSet<>();
            SortedSet<RelativePath> gone = new TreeSet<>();
            for (RelativePath path : paths) {
                (SourceProbe.missing(sourceRoot, path) ? gone : single).add(path);
            }
            if (!paths.isEmpty() && !run.rsync("paths (rsync < 3.1, filtered)", args.confined(delete, true),
                    FilterRules.confineTo(single, gone))) {
                return;
            }
            if (!trees.isEmpty()) {
                run.rsync("trees (rsync < 3.1, filtered)", args.confined(delete, false),
                        FilterRules.confineTo(List.of(), trees));
            }
        }
    }

    private List<Move> applyMoves(RsyncArgs args, List<Move> moves) throws IOException, InterruptedException {
        if (moves.isEmpty()) {
            return List.of();
        }
        return switch (destination) {
            case Destination.Local local -> LocalRenames.apply(targetName, local.directory(), moves);
            case Destination.Ssh ssh -> SshRenames.apply(targetName, args, ssh, moves);
            // the rsync daemon protocol has no rename
            case Destination.RsyncDaemon daemon -> new ArrayList<>(moves);
        };
    }

    /** One batch's progress: the counters so far and the first failure; lives on the calling thread only. */
    private final class BatchRun {
        private final long started;
        private RsyncStats stats = RsyncStats.NONE;
        private TransferResult failure;

        BatchRun(long started) {
            this.started = started;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started);
        }

        /** Runs one rsync; false if the batch must stop here. */
        boolean rsync(String step, List<String> argv, byte[] stdin) throws IOException, InterruptedException {
            if (options.debugCommands()) {
                LOG.info("[{}] {}: {}", targetName, step, ShellQuote.commandLine(argv));
            }
            ProcessRun.Result result;
            try {
                result = ProcessRun.run(targetName, argv, stdin, options.runTimeout(), Optional.empty());
            } catch (IOException e) {
                throw new IOException("rsyncPath: cannot run '" + argv.getFirst() + "' (" + e.getMessage()
                        + "); install rsync or set rsyncPath to its full path", e);
            }
            stats = stats.plus(RsyncStats.parse(result.stdout()));
            Outcome outcome = RsyncRunOutcome.of(result);
            String meaning = RsyncRunOutcome.meaning(step, result, options);
            if (result.exitCode() != 0 && outcome == Outcome.OK) {
                LOG.info("[{}] {}", targetName, meaning);
            } else if (outcome != Outcome.OK) {
                LOG.warn("[{}] {}", targetName, meaning);
            }
            if (outcome != Outcome.OK) {
                failure = new TransferResult(outcome, result.exitCode(), meaning, stats.filesSent(),
                        stats.bytesSent(), elapsed());
                return false;
            }
            return true;
        }

        TransferResult result() {
            if (failure != null) {
                return failure;
            }
            return new TransferResult(Outcome.OK, 0, "ok", stats.filesSent(), stats.bytesSent(), elapsed());
        }
    }
}
