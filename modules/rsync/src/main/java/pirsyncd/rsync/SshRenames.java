package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pirsyncd.model.Move;

/**
 * Applies moves on an ssh destination with one {@code ssh host sh} whose script comes on stdin.
 * This is the one place pirsyncd goes through a shell, because a remote command always runs in the
 * remote login shell; so the script is fed as bytes (names need not be UTF-8), every name sits in
 * single quotes (inside which sh takes every byte literally), and is only ever used as {@code "$f"}.
 * A move is applied only if its source is there and its target is not a directory or symlink (mv
 * would move <em>into</em> it); anything else is drift, reported back for a delete and a send.
 *
 * <p>Each move reports back on its own line ({@code pirsyncd-move 3 ok}). When ssh itself fails
 * (exit 255: no connection, key refused, connection lost) or the step times out, a move without a
 * report is not drift but unknown: the step is {@link RenameResult.Unknown} and the batch is
 * retried, instead of deleting and re-sending every renamed tree because of a passing failure.
 */
final class SshRenames {
    private static final String MARK = "pirsyncd-move ";
    // the script's own exit when it cannot enter the destination directory
    private static final int NO_DIRECTORY = 97;
    // ssh's exit code for its own failures (ssh(1), EXIT STATUS)
    private static final int SSH_FAILED = 255;

    private SshRenames() {}

    /** Renames what it can, in order. */
    static RenameResult apply(ProcessRun processes, RsyncArgs args, Destination.Ssh destination, List<Move> moves,
            Duration limit) throws IOException, InterruptedException {
        ProcessRun.Result result = processes.run(new ChildCommand("renames", args.sshCommand(List.of("sh")),
                script(destination.path(), moves), Optional.empty()), Optional.of(limit));
        return interpret(result, moves, limit);
    }

    /** What the script's output and exit code say about each move. */
    static RenameResult interpret(ProcessRun.Result result, List<Move> moves, Duration limit) {
        Map<Integer, Boolean> reported = new HashMap<>();
        for (String line : result.stdout()) {
            if (line.startsWith(MARK) && line.endsWith(" ok")) {
                reported.put(Integer.parseInt(line.substring(MARK.length(), line.length() - 3)), true);
            } else if (line.startsWith(MARK) && line.endsWith(" drifted")) {
                reported.put(Integer.parseInt(line.substring(MARK.length(), line.length() - 8)), false);
            }
        }
        boolean sshFailed = result.timedOut() || result.exitCode() == SSH_FAILED;
        if (sshFailed && reported.size() < moves.size()) {
            String what = result.timedOut()
                    ? "ssh did not finish within " + limit.toSeconds() + " s and was killed"
                    : RsyncExit.describe(result.exitCode());
            String meaning = "renames: " + what + result.complaint().map(c -> ": " + c).orElse("")
                    + "; will retry the renames";
            return new RenameResult.Unknown(result.exitCode(), meaning, reported.isEmpty());
        }
        // exit 0, or the script ran and stopped (97: no destination directory yet; another code: the
        // remote shell could not run it): a move without an "ok" was not applied, which the delete and
        // send that replace it repair
        List<Move> skipped = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            if (!reported.getOrDefault(i, false)) {
                skipped.add(moves.get(i));
            }
        }
        return new RenameResult.Done(skipped);
    }

    static byte[] script(String directory, List<Move> moves) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("cd -- ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ShellQuote.shBytes(directory.getBytes(StandardCharsets.UTF_8)));
        out.writeBytes((" || exit " + NO_DIRECTORY + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < moves.size(); i++) {
            Move move = moves.get(i);
            out.writeBytes("f=".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(ShellQuote.shBytes(move.from().toBytes()));
            out.writeBytes("\nt=".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(ShellQuote.shBytes(move.to().toBytes()));
            String test = "\nif { [ -e \"$f\" ] || [ -L \"$f\" ]; } && ! { [ -d \"$t\" ] || [ -L \"$t\" ]; }"
                    + " && mv -f -- \"$f\" \"$t\"; then echo '" + MARK + i + " ok'; else echo '" + MARK + i
                    + " drifted'; fi\n";
            out.writeBytes(test.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
