package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;

/** What the ssh rename script's output and exit code say about each move. */
class SshRenamesTest {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final List<Move> MOVES = List.of(
            new Move(RelativePath.of("a"), RelativePath.of("b"), EntryKind.DIRECTORY),
            new Move(RelativePath.of("c"), RelativePath.of("d"), EntryKind.FILE),
            new Move(RelativePath.of("e"), RelativePath.of("f"), EntryKind.FILE));

    private static ProcessRun.Result result(int exit, boolean timedOut, List<String> stdout, List<String> stderr) {
        return new ProcessRun.Result(exit, timedOut, stdout, stderr, Duration.ofMillis(3));
    }

    @Test
    void sshFailingBeforeAnyReportIsARetryWithTheRenamesKept() {
        RenameResult r = SshRenames.interpret(result(255, false, List.of(),
                List.of("ssh: connect to host 127.0.0.1 port 1: Connection refused")), MOVES, LIMIT);
        RenameResult.Unknown unknown = assertInstanceOf(RenameResult.Unknown.class, r);
        assertEquals(255, unknown.exitCode());
        assertTrue(unknown.noneApplied());
        assertTrue(unknown.meaning().contains("Connection refused"), unknown.meaning());
    }

    @Test
    void aTimeoutIsARetryNotDrift() {
        RenameResult.Unknown unknown = assertInstanceOf(RenameResult.Unknown.class,
                SshRenames.interpret(result(-1, true, List.of(), List.of()), MOVES, LIMIT));
        assertTrue(unknown.noneApplied());
        assertTrue(unknown.meaning().contains("300 s"), unknown.meaning());
    }

    @Test
    void sshFailingHalfwayIsARetryWhoseRenamesComeBackAsPlaces() {
        RenameResult.Unknown unknown = assertInstanceOf(RenameResult.Unknown.class, SshRenames.interpret(
                result(255, false, List.of("pirsyncd-move 0 ok"), List.of("Connection reset")), MOVES, LIMIT));
        assertEquals(false, unknown.noneApplied());
    }

    @Test
    void sshFailingAfterEveryReportChangesNothing() {
        RenameResult r = SshRenames.interpret(result(255, false,
                List.of("pirsyncd-move 0 ok", "pirsyncd-move 1 drifted", "pirsyncd-move 2 ok"), List.of()), MOVES, LIMIT);
        assertEquals(new RenameResult.Done(List.of(MOVES.get(1))), r);
    }

    @Test
    void driftIsReportedMoveByMove() {
        RenameResult r = SshRenames.interpret(result(0, false,
                List.of("pirsyncd-move 0 drifted", "pirsyncd-move 1 ok", "pirsyncd-move 2 ok"), List.of()), MOVES, LIMIT);
        assertEquals(new RenameResult.Done(List.of(MOVES.get(0))), r);
    }

    @Test
    void aMissingDestinationDirectoryMakesEveryMoveDrift() {
        // the script's "cd || exit 97": the rsync runs that follow create the directory and send everything
        assertEquals(new RenameResult.Done(MOVES), SshRenames.interpret(result(97, false, List.of(), List.of()),
                MOVES, LIMIT));
    }

    @Test
    void aRemoteShellThatCannotRunTheScriptFallsBackInsteadOfRetryingForever() {
        assertEquals(new RenameResult.Done(MOVES), SshRenames.interpret(result(127, false, List.of(),
                List.of("sh: not found")), MOVES, LIMIT));
    }
}
