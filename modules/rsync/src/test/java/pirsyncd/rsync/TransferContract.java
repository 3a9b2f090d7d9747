package pirsyncd.rsync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pirsyncd.model.Batch;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;
import pirsyncd.model.TransferResult;
import pirsyncd.model.TransferResult.Outcome;

/**
 * The scenarios every destination kind must pass with the real rsync binary; each subclass
 * supplies one destination (local, rsync daemon, ssh) and where its files land on this machine.
 */
abstract class TransferContract {
    @TempDir
    Path work;

    /** The destination in rsync syntax. */
    abstract Destination destination() throws IOException;

    /** The directory the destination's files land in, to compare with the source. */
    abstract Path mirror();

    /** Options with the connection settings this destination needs. */
    abstract TransferOptions.Builder options();

    /** True if this destination applies a directory move as a rename. */
    abstract boolean renames();

    /** How many files the renamed tree holds: 10,000 where a rename must avoid re-sending them. */
    int renamedTreeFiles() {
        return 10_000;
    }

    Path source() throws IOException {
        return Files.createDirectories(work.resolve("source"));
    }

    RsyncTransfer transfer(TransferOptions options) throws IOException {
        return new RsyncTransfer(source(), destination(), options, "test");
    }

    static TransferResult ok(RsyncTransfer transfer, Batch batch) throws InterruptedException {
        TransferResult result = transfer.run(batch);
        assertEquals(Outcome.OK, result.outcome(), () -> "expected OK: " + result);
        return result;
    }

    static Batch.Incremental batch(List<Move> moves, Collection<RelativePath> paths, Collection<RelativePath> trees) {
        return new Batch.Incremental(moves, new TreeSet<>(paths), new TreeSet<>(trees));
    }

    static RelativePath path(byte[] raw) {
        return RelativePath.of(raw);
    }

    /** Regular files with modes and mtimes, nested directories, an empty one, symlinks. */
    void createPlainTree() throws IOException {
        Path src = source();
        Files.createDirectories(src.resolve("docs/deep/er"));
        Files.createDirectories(src.resolve("empty"));
        Files.writeString(src.resolve("docs/readme.txt"), "hello\n");
        Files.write(src.resolve("docs/deep/er/blob.bin"), new byte[70_000]);
        Path script = Files.writeString(src.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(src.resolve("docs/readme.txt"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        Files.createSymbolicLink(src.resolve("link-relative"), Path.of("docs/readme.txt"));
        Files.createSymbolicLink(src.resolve("link-dangling"), Path.of("/nonexistent/target"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fullTransferMirrorsTheTreeExactly() throws Exception {
        createPlainTree();
        ok(transfer(options().build()), new Batch.Full("first sync"));
        TreeComparison.exact().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void tortureNamesAreSentDeletedAndRenamed() throws Exception {
        createPlainTree();
        RsyncTransfer transfer = transfer(options().build());
        ok(transfer, new Batch.Full("first sync"));

        byte[] dir = {'t', 'o', 'r', 't', 'u', 'r', 'e', ' ', (byte) 0xfe, '\n', '-'};
        List<byte[]> names = TortureNames.all();
        RawFiles create = RawFiles.in(source()).directory(dir);
        List<RelativePath> paths = new ArrayList<>();
        for (byte[] name : names) {
            create.file(name).file(TortureNames.join(dir, name));
            paths.add(path(name));
        }
        create.apply();
        ok(transfer, batch(List.of(), paths, List.of(path(dir))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());

        // delete every other name, at the top and inside the torture directory
        RawFiles delete = RawFiles.in(source());
        List<RelativePath> deleted = new ArrayList<>();
        for (int i = 0; i < names.size(); i += 2) {
            delete.remove(names.get(i)).remove(TortureNames.join(dir, names.get(i)));
            deleted.add(path(names.get(i)));
            deleted.add(path(TortureNames.join(dir, names.get(i))));
        }
        delete.apply();
        ok(transfer, batch(List.of(), deleted, List.of()));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());

        // rename the directory and a file to hostile names
        byte[] movedDir = "moved '$(touch pwned)' `touch pwned` \"x\"".getBytes(UTF_8);
        byte[] fileFrom = names.get(1);
        byte[] fileTo = {'r', 'e', 'n', 'a', 'm', 'e', 'd', '\'', '\n', (byte) 0xff, ';', '*'};
        RawFiles.in(source()).rename(dir, movedDir).rename(fileFrom, fileTo).apply();
        List<Move> moves = List.of(new Move(path(dir), path(movedDir), EntryKind.DIRECTORY),
                new Move(path(fileFrom), path(fileTo), EntryKind.FILE));
        TransferResult renamed = ok(transfer, batch(moves, List.of(), List.of(path(movedDir))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
        if (renames()) {
            assertEquals(0, renamed.filesSent(), "a rename must not send the files again: " + renamed);
        }
        for (Path place : List.of(source(), mirror(), work, Path.of(System.getProperty("user.home")))) {
            assertFalse(Files.exists(place.resolve("pwned")), "a name was run as a command in " + place);
        }

        ok(transfer, new Batch.Full("resync"));
        TreeComparison.exact().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void rewriteWithSameSizeAndMtimeReachesTheDestination() throws Exception {
        Path file = source().resolve("same.txt");
        Files.writeString(file, "aaaa");
        FileTime mtime = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, mtime);
        RsyncTransfer transfer = transfer(options().build());
        ok(transfer, new Batch.Full("first sync"));

        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, mtime);
        ok(transfer, Batch.Incremental.ofPaths(java.util.Set.of(RelativePath.of("same.txt"))));
        assertEquals("bbbb", Files.readString(mirror().resolve("same.txt")));
        TreeComparison.exact().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deletedFilesAndDirectoriesAreDeletedAndNewOnesSent() throws Exception {
        createPlainTree();
        RsyncTransfer transfer = transfer(options().build());
        ok(transfer, new Batch.Full("first sync"));

        Files.delete(source().resolve("docs/readme.txt"));
        Files.delete(source().resolve("link-relative"));
        Files.delete(source().resolve("docs/deep/er/blob.bin"));
        Files.delete(source().resolve("docs/deep/er"));
        Files.delete(source().resolve("docs/deep"));
        Files.createDirectories(source().resolve("new/tree/inside"));
        Files.writeString(source().resolve("new/tree/inside/file"), "new");
        Files.writeString(source().resolve("docs/added"), "added");
        TransferResult result = ok(transfer, batch(List.of(),
                List.of(RelativePath.of("docs/readme.txt"), RelativePath.of("link-relative"),
                        RelativePath.of("docs/deep"), RelativePath.of("docs/added")),
                List.of(RelativePath.of("new"))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
        assertEquals(2, result.filesSent(), result::toString);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void moveOnADriftedDestinationFallsBackToDeleteAndSend() throws Exception {
        createPlainTree();
        RsyncTransfer transfer = transfer(options().build());
        ok(transfer, new Batch.Full("first sync"));
        // drift: the old name is gone at the destination, and the new name is in the way there
        new ProcessBuilder("rm", "-rf", "--", mirror().resolve("docs").toString()).start().waitFor();
        Files.createDirectories(mirror().resolve("docs moved/stale"));
        Files.move(source().resolve("docs"), source().resolve("docs moved"));
        Files.move(source().resolve("run.sh"), source().resolve("run moved.sh"));
        Files.delete(mirror().resolve("run.sh"));
        ok(transfer, batch(List.of(new Move(RelativePath.of("docs"), RelativePath.of("docs moved"), EntryKind.DIRECTORY),
                new Move(RelativePath.of("run.sh"), RelativePath.of("run moved.sh"), EntryKind.FILE)),
                List.of(), List.of(RelativePath.of("docs moved"))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void emptiedSourceDoesNotWipeTheMirrorUnlessAllowed() throws Exception {
        createPlainTree();
        ok(transfer(options().build()), new Batch.Full("first sync"));
        try (var entries = Files.list(source())) {
            for (Path entry : entries.toList()) {
                new ProcessBuilder("rm", "-rf", "--", entry.toString()).start().waitFor();
            }
        }
        TransferResult refused = transfer(options().build()).run(new Batch.Full("resync"));
        assertEquals(Outcome.FATAL, refused.outcome(), refused::toString);
        assertTrue(refused.meaning().contains("allowDeleteWhenSourceEmpty"), refused.meaning());
        assertTrue(Files.exists(mirror().resolve("docs/readme.txt")), "the mirror was wiped");
        TransferResult refusedToo = transfer(options().build())
                .run(Batch.Incremental.ofPaths(java.util.Set.of(RelativePath.of("run.sh"))));
        assertEquals(Outcome.FATAL, refusedToo.outcome(), refusedToo::toString);
        assertTrue(Files.exists(mirror().resolve("run.sh")), "the mirror lost a file");

        ok(transfer(options().allowDeleteWhenSourceEmpty(true).build()), new Batch.Full("emptied on purpose"));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void missingSourceRootDoesNotWipeTheMirror() throws Exception {
        createPlainTree();
        ok(transfer(options().build()), new Batch.Full("first sync"));
        Path root = source();
        run(List.of("rm", "-rf", "--", root.toString()));
        // built on the path directly: source() would create the root again
        RsyncTransfer unmounted = new RsyncTransfer(root, destination(), options().build(), "test");
        TransferResult refused = unmounted.run(new Batch.Full("resync"));
        assertEquals(Outcome.FATAL, refused.outcome(), refused::toString);
        assertTrue(refused.meaning().contains("is missing"), refused.meaning());
        assertTrue(refused.renamesRetryable(), "nothing ran, so a batch's renames stay renames: " + refused);
        TransferResult refusedToo = unmounted.run(Batch.Incremental.ofPaths(java.util.Set.of(RelativePath.of("docs"))));
        assertEquals(Outcome.FATAL, refusedToo.outcome(), refusedToo::toString);
        assertFalse(Files.exists(root), "the guard must not create the source root");
        assertTrue(Files.exists(mirror().resolve("docs/readme.txt")), "the mirror lost files");
        assertTrue(Files.exists(mirror().resolve("run.sh")), "the mirror lost files");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void debugCommandsLogsLinesThatDoTheSameWhenPastedIntoAShell() throws Exception {
        createPlainTree();
        byte[] dir = {'t', 'o', 'r', 't', 'u', 'r', 'e', ' ', (byte) 0xfe, '\n', '-'};
        RawFiles before = RawFiles.in(source()).directory(dir);
        TortureNames.all().forEach(name -> before.file(TortureNames.join(dir, name)));
        before.apply();
        ok(transfer(options().build()), new Batch.Full("first sync"));
        Path snapshot = work.resolve("snapshot");
        run(List.of("cp", "-a", "--", mirror().toString(), snapshot.toString()));

        // a batch with every kind of step: a rename, single places (torture names, a delete), a tree
        byte[] movedDir = "moved 'dir' $(x)".getBytes(UTF_8);
        RawFiles change = RawFiles.in(source()).rename(dir, movedDir);
        List<RelativePath> paths = new ArrayList<>(List.of(path(dir), RelativePath.of("run.sh")));
        for (byte[] name : TortureNames.all()) {
            change.file(name);
            paths.add(path(name));
        }
        change.apply();
        Files.delete(source().resolve("run.sh"));
        List<String> logged = new ArrayList<>();
        RsyncTransfer debugged = new RsyncTransfer(source(), destination(), options().debugCommands(true).build(),
                "test", logged::add);
        ok(debugged, batch(List.of(new Move(path(dir), path(movedDir), EntryKind.DIRECTORY)), paths,
                List.of(path(movedDir))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("paths: printf '%b\\0' ")), () -> "no name list: " + logged);
        if (renames()) {
            assertTrue(logged.stream().anyMatch(l -> l.startsWith("rename")), () -> "no rename step: " + logged);
        }

        // the same lines, pasted into a shell, bring the old mirror to the same state
        run(List.of("rm", "-rf", "--", mirror().toString()));
        run(List.of("cp", "-a", "--", snapshot.toString(), mirror().toString()));
        for (String line : logged) {
            assertFalse(line.contains("\n"), () -> "a logged command spans lines: " + line);
            String command = line.substring(line.indexOf(": ") + 2);
            Process shell = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String output = new String(shell.getInputStream().readAllBytes(), UTF_8);
            assertTrue(shell.waitFor(60, TimeUnit.SECONDS), command);
            assertEquals(0, shell.exitValue(), () -> command + "\n" + output);
        }
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
    }

    static void run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, () -> argv + ": " + output);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRenameLeavesBothParentFoldersWithTheSourcesTimes() throws Exception {
        Files.createDirectories(source().resolve("from"));
        Files.createDirectories(source().resolve("to"));
        Files.writeString(source().resolve("from/file"), "moved");
        Files.createDirectories(source().resolve("from/folder"));
        RsyncTransfer transfer = transfer(options().build());
        ok(transfer, new Batch.Full("first sync"));

        Files.move(source().resolve("from/file"), source().resolve("to/file"));
        Files.move(source().resolve("from/folder"), source().resolve("folder"));
        // whole seconds apart from whatever time the destination's own renames give its folders
        FileTime past = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        for (String folder : List.of("from", "to", "")) {
            Files.setLastModifiedTime(source().resolve(folder), past);
        }
        ok(transfer, batch(List.of(new Move(RelativePath.of("from/file"), RelativePath.of("to/file"), EntryKind.FILE),
                new Move(RelativePath.of("from/folder"), RelativePath.of("folder"), EntryKind.DIRECTORY)),
                List.of(), List.of()));
        TreeComparison.exact().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withDashHALinkMadeLaterAndNewContentInALinkedFileKeepTheNamesLinked() throws Exception {
        Files.writeString(source().resolve("first"), "shared inode");
        RsyncTransfer transfer = transfer(options().extraArgs(List.of("-H")).build());
        ok(transfer, new Batch.Full("first sync"));

        // a new name, in a new folder, for an inode the destination already has
        Files.createDirectories(source().resolve("sub"));
        Files.createLink(source().resolve("sub/third"), source().resolve("first"));
        ok(transfer, batch(List.of(), List.of(), List.of(RelativePath.of("sub"))));
        assertEquals(inode(mirror().resolve("first")), inode(mirror().resolve("sub/third")), "linked at the destination");

        // new content written through one name: the other must show it too
        Files.writeString(source().resolve("first"), "new content, longer");
        ok(transfer, batch(List.of(), List.of(RelativePath.of("first")), List.of()));
        assertEquals(inode(mirror().resolve("first")), inode(mirror().resolve("sub/third")), "still linked");
        assertEquals("new content, longer", Files.readString(mirror().resolve("sub/third")));
        TreeComparison.exact().assertSame(source(), mirror());
    }

    private static Object inode(Path path) throws IOException {
        return Files.getAttribute(path, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFolderRenamedAfterAFileWasMovedIntoItGetsTheSourcesTimesUnderItsNewName() throws Exception {
        Files.createDirectories(source().resolve("dirs/box"));
        Files.writeString(source().resolve("loose"), "moved in");
        RsyncTransfer transfer = transfer(options().build());
        ok(transfer, new Batch.Full("first sync"));

        Files.move(source().resolve("loose"), source().resolve("dirs/box/loose"));
        Files.move(source().resolve("dirs/box"), source().resolve("dirs/renamed-box"));
        FileTime past = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        for (String folder : List.of("dirs/renamed-box", "dirs", "")) {
            Files.setLastModifiedTime(source().resolve(folder), past);
        }
        // the file's new parent, dirs/box, no longer exists by that name when the batch runs
        ok(transfer, batch(List.of(
                new Move(RelativePath.of("loose"), RelativePath.of("dirs/box/loose"), EntryKind.FILE),
                new Move(RelativePath.of("dirs/box"), RelativePath.of("dirs/renamed-box"), EntryKind.DIRECTORY)),
                List.of(), List.of()));
        TreeComparison.exact().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void renamedDirectoryOfTenThousandFilesIsNotSentAgainWhereRenamesWork() throws Exception {
        Path big = Files.createDirectories(source().resolve("big"));
        byte[] content = new byte[1024];
        int files = renamedTreeFiles();
        for (int d = 0; d < 20; d++) {
            Path sub = Files.createDirectories(big.resolve("d" + d));
            for (int f = 0; f < files / 20; f++) {
                content[0] = (byte) f;
                Files.write(sub.resolve("f" + f), content);
            }
        }
        RsyncTransfer transfer = transfer(options().build());
        TransferResult first = ok(transfer, new Batch.Full("first sync"));
        assertEquals(files, first.filesSent(), first::toString);

        // as the scheduler named a rename before: the old name deleted, the new one compared as a tree
        Files.move(big, source().resolve("big renamed"));
        TransferResult compared = ok(transfer, batch(
                List.of(new Move(RelativePath.of("big"), RelativePath.of("big renamed"), EntryKind.DIRECTORY)),
                List.of(RelativePath.of("big")), List.of(RelativePath.of("big renamed"))));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
        // as it names a clean rename now: the rename alone, and the transfer syncs both names if it skips it
        Files.move(source().resolve("big renamed"), source().resolve("big again"));
        TransferResult renamed = ok(transfer, batch(
                List.of(new Move(RelativePath.of("big renamed"), RelativePath.of("big again"), EntryKind.DIRECTORY)),
                List.of(), List.of()));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
        if (renames()) {
            assertEquals(0, compared.filesSent(), compared::toString);
            // the quick check of the moved tree costs its file list, not its 10 MiB of content
            assertTrue(compared.bytesSent() < files * content.length / 10, () -> "sent too much: " + compared);
            // a rename alone sends nothing of the tree: only its parent folder's times go (the root's here)
            assertEquals(0, renamed.filesSent(), () -> "a rename alone sent files: " + renamed);
            assertTrue(renamed.bytesSent() < 1000, () -> "a rename alone sent more than the root's times: " + renamed);
        } else {
            assertEquals(files, compared.filesSent(), compared::toString);
            assertEquals(files, renamed.filesSent(), renamed::toString);
        }
        System.out.printf("[measure] %s: full %s; rename of %d files with a tree compare: %s; rename alone: %s%n",
                getClass().getSimpleName(), first.elapsed(), files, compared.elapsed(), renamed.elapsed());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRenameTheDestinationCannotApplyIsReplacedBySyncingBothNames() throws Exception {
        // a batch of renames alone, as the scheduler sends for clean renames, on a drifted mirror
        Path src = source();
        Files.createDirectories(src.resolve("dir/sub"));
        Files.writeString(src.resolve("dir/sub/f"), "f\n");
        Files.writeString(src.resolve("file"), "file\n");
        Files.createDirectories(src.resolve("busy"));
        Files.writeString(src.resolve("busy/x"), "x\n");
        ok(transfer(options().build()), new Batch.Full("first sync"));
        Files.move(src.resolve("dir"), src.resolve("dir2"));
        Files.move(src.resolve("file"), src.resolve("file2"));
        Files.move(src.resolve("busy"), src.resolve("busy2"));
        // drift: the mirror lost "dir", "file2" is a directory there, "busy2" a non-empty directory
        TransferContract.run(List.of("rm", "-rf", "--", mirror().resolve("dir").toString()));
        Files.createDirectories(mirror().resolve("file2/in the way"));
        Files.createDirectories(mirror().resolve("busy2/stale"));
        ok(transfer(options().build()), batch(List.of(
                new Move(RelativePath.of("dir"), RelativePath.of("dir2"), EntryKind.DIRECTORY),
                new Move(RelativePath.of("file"), RelativePath.of("file2"), EntryKind.FILE),
                new Move(RelativePath.of("busy"), RelativePath.of("busy2"), EntryKind.DIRECTORY)), List.of(), List.of()));
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
    }
}
