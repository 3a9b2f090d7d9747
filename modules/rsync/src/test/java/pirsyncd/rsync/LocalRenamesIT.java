package pirsyncd.rsync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;

/**
 * A local destination's renames on a real directory, through rename(2) of the binding and
 * through the {@code mv} fallback: applied in order with raw names, and whatever rename(2) refuses
 * skipped with nothing changed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalRenamesIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final byte[] LATIN1 = {'d', 'i', 'r', '-', (byte) 0xe9, (byte) 0xff};
    private static final byte[] BROKEN_UTF8 = {(byte) 0xc3, 0x28, 'n', 'e', 'w'};

    @TempDir
    Path work;

    private final List<String> logged = new ArrayList<>();
    private final ProcessRun processes = new ProcessRun("test", Optional.of(logged::add));

    private Path mirror() throws IOException {
        return Files.createDirectories(work.resolve("mirror"));
    }

    private static Move move(String from, String to, EntryKind kind) {
        return new Move(RelativePath.of(from), RelativePath.of(to), kind);
    }

    private RenameResult apply(boolean natively, List<Move> moves) throws Exception {
        return LocalRenames.apply(processes, mirror(), moves, LIMIT, natively);
    }

    @ParameterizedTest(name = "natively: {0}")
    @ValueSource(booleans = {true, false})
    void renamesAreAppliedInOrderWithRawNames(boolean natively) throws Exception {
        RawFiles.in(mirror()).directory(LATIN1).file(TortureNames.join(LATIN1, "f".getBytes(UTF_8)))
                .file("a".getBytes(UTF_8)).apply();
        // the same renames done by python's os.rename on a copy
        Path expected = work.resolve("expected");
        TransferContract.run(List.of("cp", "-a", "--", mirror().toString(), expected.toString()));
        RawFiles.in(expected).rename(LATIN1, BROKEN_UTF8).rename("a".getBytes(UTF_8), "b".getBytes(UTF_8))
                .rename("b".getBytes(UTF_8), "c".getBytes(UTF_8)).apply();

        RenameResult result = apply(natively, List.of(
                new Move(RelativePath.of(LATIN1), RelativePath.of(BROKEN_UTF8), EntryKind.DIRECTORY),
                move("a", "b", EntryKind.FILE), move("b", "c", EntryKind.FILE)));

        assertEquals(new RenameResult.Done(List.of()), result);
        TreeComparison.ignoringDirectoryTimes().assertSame(expected, mirror());
        assertEquals(3, logged.size(), () -> "one pasteable mv line per rename: " + logged);
    }

    @ParameterizedTest(name = "natively: {0}")
    @ValueSource(booleans = {true, false})
    void whatRename2RefusesIsSkippedAndLeftAsItWas(boolean natively) throws Exception {
        Path mirror = mirror();
        Files.createDirectories(mirror.resolve("full/inside"));
        Files.createDirectories(mirror.resolve("dir"));
        Files.writeString(mirror.resolve("file"), "file\n");
        Files.createDirectories(mirror.resolve("empty"));
        Path before = work.resolve("before");
        TransferContract.run(List.of("cp", "-a", "--", mirror.toString(), before.toString()));
        List<Move> refused = List.of(
                move("missing", "x", EntryKind.FILE), // ENOENT: no old name
                move("file", "no/parent", EntryKind.FILE), // ENOENT: no new parent
                move("dir", "full", EntryKind.DIRECTORY), // ENOTEMPTY
                move("file", "empty", EntryKind.FILE), // EISDIR
                move("dir", "file", EntryKind.DIRECTORY), // ENOTDIR
                move("dir", "dir/sub", EntryKind.DIRECTORY)); // EINVAL: into itself

        assertEquals(new RenameResult.Done(refused), apply(natively, refused));
        TreeComparison.ignoringDirectoryTimes().assertSame(before, mirror);
    }

    @Test
    void aRenameAcrossAMountPointInsideTheMirrorIsSkipped() throws Exception {
        Path mirror = mirror();
        Path mounted = Files.createDirectories(mirror.resolve("mnt"));
        Files.writeString(mirror.resolve("f"), "f\n");
        assumeTrue(exec("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mounted.toString()),
                "mounting a tmpfs needs root");
        try {
            // rename(2) gives EXDEV (mv would copy): skipped, so the transfer deletes f and sends mnt/f
            assertEquals(new RenameResult.Done(List.of(move("f", "mnt/f", EntryKind.FILE))),
                    apply(true, List.of(move("f", "mnt/f", EntryKind.FILE))));
            assertEquals("f\n", Files.readString(mirror.resolve("f")));
        } finally {
            exec("umount", mounted.toString());
        }
    }

    @Test
    void aMissingDestinationDirectoryMakesEveryRenameDrift() throws Exception {
        List<Move> moves = List.of(move("a", "b", EntryKind.FILE));
        assertEquals(new RenameResult.Done(moves),
                LocalRenames.apply(processes, work.resolve("not there"), moves, LIMIT, true));
    }

    private static boolean exec(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
