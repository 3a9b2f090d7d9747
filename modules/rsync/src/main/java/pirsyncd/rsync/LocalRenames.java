package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;
import pirsyncd.inotify.Posix;
import pirsyncd.model.Move;

/**
 * Applies moves on a local destination as renames: {@code rename(2)} through the binding
 * ({@link Posix#rename}), names as raw bytes, no process. rename(2) never moves <em>into</em> an
 * existing directory, refuses a non-empty one, and fails across file systems (a mount point
 * inside the mirror) and when the old name is missing: each of those is drift, and the move is
 * reported skipped (the transfer then deletes the old name and sends the new one). A failed
 * rename(2) changed nothing, so skipping is always safe.
 *
 * <p>Where the binding cannot be used (native access refused), each move runs
 * {@code xargs -0 mv -T -f --} in the destination directory with the two names on stdin, as
 * before: raw bytes (a Java {@code String} argument could not carry a name that is not UTF-8), no
 * shell, and {@code mv -T} renames like rename(2). With {@code debugCommands}, a native rename is
 * logged as that same command line, so the log can still be pasted into a shell.
 *
 * <p>The native renames run on a short-lived thread of their own, so that a rename hanging in
 * the kernel (a hung network file system) stops the step after the time limit, as a hung
 * {@code mv} is killed, instead of holding the target's worker for ever.
 */
final class LocalRenames {
    private static final TaggedLogger LOG = Logger.tag("rsync");
    static final List<String> MV = List.of("xargs", "-0", "mv", "-T", "-f", "--");

    // false once the binding failed to link here; every later batch goes through mv
    private static volatile boolean nativeUsable = true;

    private LocalRenames() {}

    /**
     * Renames what it can, in order. A missing destination directory makes every move drift (the
     * rsync runs that follow create it or fail); a rename that outlives {@code limit} (a hung
     * network filesystem) stops the step as {@link RenameResult.Unknown}, since nothing is known
     * about that rename.
     */
    static RenameResult apply(ProcessRun processes, Path destinationDirectory, List<Move> moves, Duration limit)
            throws IOException, InterruptedException {
        return apply(processes, destinationDirectory, moves, limit, nativeUsable);
    }

    /** As {@link #apply(ProcessRun, Path, List, Duration)}; {@code nativeAllowed} false forces mv (tests). */
    static RenameResult apply(ProcessRun processes, Path destinationDirectory, List<Move> moves, Duration limit,
            boolean nativeAllowed) throws IOException, InterruptedException {
        if (!Files.isDirectory(destinationDirectory)) {
            return new RenameResult.Done(moves);
        }
        if (nativeAllowed) {
            Optional<RenameResult> done = natively(processes, destinationDirectory, moves, limit);
            if (done.isPresent()) {
                return done.get();
            }
        }
        return withMv(processes, destinationDirectory, moves, limit);
    }

    /** Empty if the binding cannot be used at all here (then nothing was renamed). */
    private static Optional<RenameResult> natively(ProcessRun processes, Path destinationDirectory, List<Move> moves,
            Duration limit) throws InterruptedException {
        byte[] directory = destinationDirectory.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        NativeRenames work = new NativeRenames(directory, moves);
        moves.forEach(move -> processes.announce(mvCommand(destinationDirectory, move)));
        Thread thread = Thread.ofPlatform().daemon().name("rename-" + Thread.currentThread().getName())
                .start(work);
        try {
            thread.join(limit);
        } catch (InterruptedException e) {
            work.cancel(); // stops after the rename in progress
            throw e;
        }
        return work.outcome(limit);
    }

    /** The renames of one batch, on their own thread; the caller reads the outcome after joining it. */
    private static final class NativeRenames implements Runnable {
        private final byte[] directory;
        private final List<Move> moves;
        private final List<Move> skipped = new ArrayList<>();
        private volatile boolean cancelled;
        private volatile boolean finished;
        private volatile boolean unusable;
        // how many moves were dealt with; the one at this index is in progress
        private final AtomicInteger done = new AtomicInteger();

        NativeRenames(byte[] directory, List<Move> moves) {
            this.directory = directory;
            this.moves = moves;
        }

        @Override
        public void run() {
            try {
                for (Move move : moves) {
                    if (cancelled) {
                        return;
                    }
                    try {
                        Posix.rename(absolute(move.from().toBytes()), absolute(move.to().toBytes()));
                    } catch (IOException refused) {
                        // rename(2) failed and changed nothing: ENOENT, ENOTEMPTY, EISDIR, EXDEV, ...
                        LOG.debug("rename {} -> {} not applied: {}", move.from(), move.to(), refused.getMessage());
                        synchronized (skipped) {
                            skipped.add(move);
                        }
                    }
                    done.incrementAndGet();
                }
                finished = true;
            } catch (LinkageError | IllegalCallerException e) {
                // the binding cannot link here (native access denied); that shows on the first call,
                // before anything was renamed, and mv does them all
                LOG.warn("renames through the native binding are not possible ({}); using mv instead", e.toString());
                unusable = true;
            }
        }

        private byte[] absolute(byte[] relative) {
            byte[] path = new byte[directory.length + 1 + relative.length];
            System.arraycopy(directory, 0, path, 0, directory.length);
            path[directory.length] = '/';
            System.arraycopy(relative, 0, path, directory.length + 1, relative.length);
            return path;
        }

        void cancel() {
            cancelled = true;
        }

        /** Empty if the binding was unusable; read after the thread ended or the limit passed. */
        Optional<RenameResult> outcome(Duration limit) {
            if (unusable && done.get() == 0) {
                nativeUsable = false;
                return Optional.empty();
            }
            if (!finished) {
                cancel();
                int inProgress = done.get();
                return Optional.of(new RenameResult.Unknown(-1, "renames: rename(2) did not return within "
                        + limit.toSeconds() + " s (a hung file system?); will retry", inProgress == 0));
            }
            synchronized (skipped) {
                return Optional.of(new RenameResult.Done(skipped));
            }
        }
    }

    private static RenameResult withMv(ProcessRun processes, Path destinationDirectory, List<Move> moves,
            Duration limit) throws IOException, InterruptedException {
        List<Move> skipped = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            Move move = moves.get(i);
            ProcessRun.Result result = processes.run(mvCommand(destinationDirectory, move), Optional.of(limit));
            if (result.timedOut()) {
                return new RenameResult.Unknown(-1, "renames: 'mv' did not finish within " + limit.toSeconds()
                        + " s and was killed; will retry", i == 0);
            }
            if (result.exitCode() != 0) {
                skipped.add(move);
            }
        }
        return new RenameResult.Done(skipped);
    }

    /** {@code xargs -0 mv -T -f --} in the destination directory, the two raw names on stdin. */
    private static ChildCommand mvCommand(Path destinationDirectory, Move move) {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.writeBytes(move.from().toBytes());
        names.write(0);
        names.writeBytes(move.to().toBytes());
        names.write(0);
        return new ChildCommand("rename", MV, names.toByteArray(), Optional.of(destinationDirectory));
    }
}
