package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class DirectoriesIT {
    @TempDir
    Path dir;

    private static Set<DirectoryEntry> listed(Path directory) throws IOException {
        List<DirectoryEntry> entries = Directories.list(Bytes.of(directory));
        Set<DirectoryEntry> unique = new HashSet<>(entries);
        assertEquals(entries.size(), unique.size(), "no duplicates");
        return unique;
    }

    @Test
    void emptyDirectoryHasNoEntriesNotEvenDotAndDotDot() throws IOException {
        assertEquals(Set.of(), listed(dir));
    }

    @Test
    void entryTypesComeFromTheKernelWithoutFollowingLinks() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.createFile(dir.resolve("file"));
        Files.createSymbolicLink(dir.resolve("link-to-sub"), dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor());
        assertEquals(Set.of(
                new DirectoryEntry(Bytes.utf8("sub"), EntryType.DIRECTORY),
                new DirectoryEntry(Bytes.utf8("file"), EntryType.FILE),
                new DirectoryEntry(Bytes.utf8("link-to-sub"), EntryType.SYMLINK),
                new DirectoryEntry(Bytes.utf8("dangling"), EntryType.SYMLINK),
                new DirectoryEntry(Bytes.utf8("fifo"), EntryType.OTHER)), listed(dir));
    }

    @Test
    void namesKeepNonUtf8BytesNewlinesAndTheFull255Bytes() throws IOException {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        byte[] broken = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3};
        byte[] newline = Bytes.utf8("two\nlines");
        byte[] longest = new byte[255];
        Arrays.fill(longest, (byte) 'L');
        longest[254] = (byte) 0x80; // and a stray continuation byte at the very end
        Set<DirectoryEntry> expected = new HashSet<>();
        int i = 0;
        for (byte[] name : List.of(latin1, broken, newline, longest)) {
            Path plain = Files.createFile(dir.resolve("tmp" + i++));
            Posix.rename(Bytes.of(plain), Bytes.child(dir, name));
            expected.add(new DirectoryEntry(name, EntryType.FILE));
        }
        assertEquals(expected, listed(dir));
    }

    @Test
    void largeDirectoryNeedingSeveralReadsIsListedCompletely() throws IOException {
        Set<DirectoryEntry> expected = new HashSet<>();
        for (int i = 0; i < 3000; i++) { // ~ 3000 * 40 bytes: several 16 KiB getdents64 buffers
            String name = "entry-with-a-longer-name-" + i;
            Files.createFile(dir.resolve(name));
            expected.add(new DirectoryEntry(Bytes.utf8(name), EntryType.FILE));
        }
        assertEquals(expected, listed(dir));
    }

    @Test
    void missingDirectoryIsNoSuchFile() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Directories.list(Bytes.of(dir.resolve("absent"))));
        assertEquals(dir.resolve("absent") + ": openat: no such file or directory", e.getMessage());
    }

    @Test
    void fileAndSymlinkAreNotDirectories() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), sub);
        assertThrows(NotDirectoryException.class, () -> Directories.list(Bytes.of(file)));
        NotDirectoryException e = assertThrows(NotDirectoryException.class, () -> Directories.list(Bytes.of(link)));
        assertTrue(e.getMessage().contains("symbolic links are not followed"), e.getMessage());
    }

    @Test
    void typeOfDoesNotFollowLinks() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), sub);
        assertTrue(Directories.isDirectory(Bytes.of(sub)));
        assertFalse(Directories.isDirectory(Bytes.of(link)));
        assertEquals(Optional.of(EntryType.SYMLINK), Directories.typeOf(Bytes.of(link)));
        assertEquals(Optional.empty(), Directories.typeOf(Bytes.of(dir.resolve("absent"))));
        assertFalse(Directories.isDirectory(Bytes.of(dir.resolve("absent"))));
    }

    /** Not a benchmark, a smoke figure: walks a generated tree and prints directories per second. */
    @Test
    void walkingTwoThousandDirectoriesFindsEachOnce() throws IOException {
        int created = 0;
        for (int a = 0; a < 20; a++) {
            Path first = Files.createDirectory(dir.resolve("a" + a));
            created++;
            for (int b = 0; b < 99; b++) {
                Files.createDirectory(first.resolve("b" + b));
                created++;
            }
        }
        long start = System.nanoTime();
        int walked = 0;
        Deque<byte[]> pending = new ArrayDeque<>();
        pending.add(Bytes.of(dir));
        while (!pending.isEmpty()) {
            byte[] current = pending.pop();
            for (DirectoryEntry entry : Directories.list(current)) {
                if (entry.type() == EntryType.DIRECTORY) {
                    byte[] child = Arrays.copyOf(current, current.length + 1 + entry.name().length);
                    child[current.length] = '/';
                    System.arraycopy(entry.name(), 0, child, current.length + 1, entry.name().length);
                    pending.push(child);
                    walked++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(created, walked);
        System.out.printf("walked %d directories in %.3f s (%.0f directories/s, cold JIT)%n", walked, seconds,
                walked / seconds);
    }
}
