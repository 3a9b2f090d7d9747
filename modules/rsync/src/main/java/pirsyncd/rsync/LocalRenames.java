package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import pirsyncd.model.Move;

/**
 * Applies moves on a local destination as renames. Each runs {@code xargs -0 mv -T -f --} in the
 * destination directory with the two names on stdin: the names travel as raw bytes (a Java
 * {@code String} argument could not carry a name that is not UTF-8), no shell is involved, and
 * {@code mv -T} renames exactly like rename(2) — it never moves into an existing directory, and it
 * fails on a non-empty one, which is how drift at the destination shows.
 */
final class LocalRenames {
    static final List<String> MV = List.of("xargs", "-0", "mv", "-T", "-f", "--");

    private LocalRenames() {}

    /**
     * Renames what it can, in order. A missing destination directory makes every move drift (the
     * rsync runs that follow create it or fail); an {@code mv} that outlives {@code limit} (a hung
     * network filesystem) stops the step as {@link RenameResult.Unknown}, since nothing is known
     * about that rename.
     */
    static RenameResult apply(ProcessRun processes, Path destinationDirectory, List<Move> moves, Duration limit)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(destinationDirectory)) {
            return new RenameResult.Done(moves);
        }
        List<Move> skipped = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            Move move = moves.get(i);
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            move.from().writeTo(names);
            names.write(0);
            move.to().writeTo(names);
            names.write(0);
            ProcessRun.Result result = processes.run(new ChildCommand("rename", MV, names.toByteArray(),
                    Optional.of(destinationDirectory)), Optional.of(limit));
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
}
