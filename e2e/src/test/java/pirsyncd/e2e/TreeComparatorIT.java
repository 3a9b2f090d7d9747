package pirsyncd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The oracle itself is tested: a comparator that cannot fail would make every scenario pass. Each test
 * starts from an {@code rsync -aH} copy (which must compare equal) and damages one property.
 */
@Timeout(120)
class TreeComparatorIT {
    private static final Set<TreeComparator.Check> ALL = EnumSet.allOf(TreeComparator.Check.class);
    private static final byte[] NOT_UTF8 = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '.', 't', 'x', 't'};

    private Path source;
    private Path replica;

    @BeforeEach
    void copyOfATreeWithEveryKindOfEntry() throws Exception {
        Path world = Workspace.fresh("comparator");
        source = Workspace.created(world.resolve("src"));
        replica = world.resolve("dst");
        FsOps.in(source).mkdirs("d/e").write("d/e/f.txt", "hello").write("a b\tc\nd", "odd name")
                .write(NOT_UTF8, FsOps.bytes("latin-1 name")).symlink("d/e/f.txt", "link")
                .write("h1", "same inode").link("h1", "h2").sparse("sparse", 1 << 20).apply();
        Exec.run(Duration.ofSeconds(60), "rsync", "-aH", source + "/", replica + "/").requireSuccess();
    }

    @Test
    void anExactCopyComparesEqual() {
        assertEquals(List.of(), TreeComparator.differences(source, replica, ALL));
    }

    @Test
    void sameSizeSameMtimeDifferentContentIsFound() throws Exception {
        Path file = replica.resolve("d/e/f.txt");
        FileTime mtime = Files.getLastModifiedTime(file);
        Files.writeString(file, "HELLO");
        Files.setLastModifiedTime(file, mtime);
        assertFalse(TreeComparator.differences(source, replica, Set.of()).isEmpty());
    }

    @Test
    void aModeDifferenceIsFound() throws Exception {
        Files.setPosixFilePermissions(replica.resolve("d/e/f.txt"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertFalse(TreeComparator.differences(source, replica, Set.of()).isEmpty());
    }

    @Test
    void anMtimeDifferenceIsFound() throws Exception {
        Path file = replica.resolve("d/e/f.txt");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 5000));
        assertFalse(TreeComparator.differences(source, replica, Set.of()).isEmpty());
    }

    @Test
    void aSymlinkTargetDifferenceIsFound() throws Exception {
        Files.delete(replica.resolve("link"));
        Files.createSymbolicLink(replica.resolve("link"), Path.of("d/e/../e/f.txt"));
        assertFalse(TreeComparator.differences(source, replica, Set.of()).isEmpty());
    }

    @Test
    void aMissingNonUtf8NameIsFoundAndShownEscaped() {
        FsOps.in(replica).unlink(NOT_UTF8).apply();
        List<String> problems = TreeComparator.differences(source, replica, Set.of());
        assertTrue(problems.stream().anyMatch(p -> p.contains("bad\\xff\\xfe.txt")), problems.toString());
    }

    @Test
    void anExtraFileInTheReplicaIsFound() throws Exception {
        Files.writeString(replica.resolve("d/stale"), "left behind");
        assertFalse(TreeComparator.differences(source, replica, Set.of()).isEmpty());
    }

    @Test
    void aBrokenHardLinkIsFoundOnlyWhenHardLinksAreChecked() throws Exception {
        Path h2 = replica.resolve("h2");
        FileTime mtime = Files.getLastModifiedTime(h2);
        Files.delete(h2);
        Files.writeString(h2, "same inode");
        Files.setLastModifiedTime(h2, mtime);
        assertEquals(List.of(), TreeComparator.differences(source, replica, Set.of()));
        assertFalse(TreeComparator.differences(source, replica, Set.of(TreeComparator.Check.HARD_LINKS)).isEmpty());
    }

    @Test
    void aDirectoryMtimeDifferenceIsFoundOnlyWhenAsked() throws Exception {
        Files.setLastModifiedTime(replica.resolve("d"), FileTime.fromMillis(0));
        assertEquals(List.of(), TreeComparator.differences(source, replica, Set.of()));
        assertFalse(TreeComparator.differences(source, replica,
                Set.of(TreeComparator.Check.DIRECTORY_MTIMES)).isEmpty());
    }
}
