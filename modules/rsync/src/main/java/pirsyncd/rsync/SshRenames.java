package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import pirsyncd.model.Move;

/**
 * Applies moves on an ssh destination with one {@code ssh host sh} whose script comes on stdin.
 * This is the one place pirsyncd goes through a shell, because a remote command always runs in the
 * remote login shell; so the script is fed as bytes (names need not be UTF-8), every name sits in
 * single quotes (inside which sh takes every byte literally), and is only ever used as {@code "$f"}.
 * A move is applied only if its source is there and its target is not a directory or symlink (mv
 * would move <em>into</em> it); anything else is drift, reported back for a delete and a send.
 */
final class SshRenames {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final String MARK = "pirsyncd-move ";

    private SshRenames() {}

    /**
     * Renames what it can, in order.
     *
     * @return the moves that were not applied
     */
    static List<Move> apply(String target, RsyncArgs args, Destination.Ssh destination, List<Move> moves)
            throws IOException, InterruptedException {
        ProcessRun.Result result = ProcessRun.run(target, args.sshCommand(List.of("sh")),
                script(destination.path(), moves), Optional.of(LIMIT), Optional.empty());
        Set<Integer> done = new HashSet<>();
        for (String line : result.stdout()) {
            if (line.startsWith(MARK) && line.endsWith(" ok")) {
                done.add(Integer.parseInt(line.substring(MARK.length(), line.length() - 3)));
            }
        }
        List<Move> failed = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            if (!done.contains(i)) {
                failed.add(moves.get(i));
            }
        }
        return failed;
    }

    static byte[] script(String directory, List<Move> moves) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("cd -- ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ShellQuote.shBytes(directory.getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(" || exit 97\n".getBytes(StandardCharsets.US_ASCII));
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
