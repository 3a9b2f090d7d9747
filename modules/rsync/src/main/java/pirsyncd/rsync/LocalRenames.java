package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private LocalRenames() {}

    /**
     * Renames what it can, in order.
     *
     * @return the moves that could not be applied (source missing there, target in the way)
     */
    static List<Move> apply(String target, Path destinationDirectory, List<Move> moves)
            throws IOException, InterruptedException {
        List<Move> failed = new ArrayList<>();
        for (Move move : moves) {
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            move.from().writeTo(names);
            names.write(0);
            move.to().writeTo(names);
            names.write(0);
            ProcessRun.Result result = ProcessRun.run(target, List.of("xargs", "-0", "mv", "-T", "-f", "--"),
                    names.toByteArray(), Optional.of(LIMIT), Optional.of(destinationDirectory));
            if (result.exitCode() != 0) {
                failed.add(move);
            }
        }
        return failed;
    }
}
