package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One lister reused for many directories: its buffers carry nothing from one listing to the next. */
@Timeout(120)
class DirectoryListerIT {
    @TempDir
    Path dir;

    private static Set<DirectoryEntry> files(Path directory, String prefix, int count) throws IOException {
        Files.createDirectories(directory);
        Set<DirectoryEntry> entries = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + i;
            Files.createFile(directory.resolve(name));
            entries.add(new DirectoryEntry(Bytes.utf8(name), EntryType.FILE));
        }
        return entries;
    }

    private static Set<DirectoryEntry> listed(DirectoryLister lister, Path directory) throws IOException {
        List<DirectoryEntry> entries = lister.list(Bytes.of(directory));
        Set<DirectoryEntry> unique = new HashSet<>(entries);
        assertEquals(entries.size(), unique.size(), "no duplicates");
        return unique;
    }

    @Test
    void oneListerListsBigSmallAndEmptyDirectoriesInAnyOrderExactly() throws IOException {
        // 3000 long names need several 16 KiB getdents64 reads; the small one's short names are
        // read into the same buffer right after, over what the big one left there
        Set<DirectoryEntry> big = files(dir.resolve("big"), "an-entry-with-a-rather-long-name-", 3000);
        Set<DirectoryEntry> small = files(dir.resolve("small"), "s", 2);
        Set<DirectoryEntry> empty = files(dir.resolve("empty"), "", 0);
        try (DirectoryLister lister = DirectoryLister.open()) {
            for (int round = 0; round < 3; round++) {
                assertEquals(big, listed(lister, dir.resolve("big")), "round " + round);
                assertEquals(small, listed(lister, dir.resolve("small")), "round " + round);
                assertEquals(empty, listed(lister, dir.resolve("empty")), "round " + round);
                assertEquals(small, listed(lister, dir.resolve("small")), "round " + round);
            }
        }
    }

    @Test
    void aFailedListingLeavesTheListerUsable() throws IOException {
        Set<DirectoryEntry> some = files(dir.resolve("some"), "f", 5);
        Path file = Files.createFile(dir.resolve("file"));
        try (DirectoryLister lister = DirectoryLister.open()) {
            assertThrows(NoSuchFileException.class, () -> lister.list(Bytes.of(dir.resolve("absent"))));
            assertThrows(NotDirectoryException.class, () -> lister.list(Bytes.of(file)));
            assertEquals(some, listed(lister, dir.resolve("some")));
        }
    }

    /** PATH_MAX (4096) counts the NUL: 4095 bytes go to the kernel, 4096 are refused as it would. */
    @Test
    void aPathIsRefusedExactlyWhenTheKernelWouldRefuseIt() throws IOException {
        StringBuilder path = new StringBuilder(dir.resolve("absent").toString());
        while (path.length() < 4095) {
            path.append('/').append("d".repeat(200)); // components of 200 bytes: each below NAME_MAX
        }
        path.setLength(4095);
        path.setCharAt(4094, 'd'); // never end on a '/'
        byte[] longest = Bytes.utf8(path.toString());
        assertEquals(4095, longest.length);
        byte[] tooLong = Bytes.utf8(path + "x");
        try (DirectoryLister lister = DirectoryLister.open()) {
            assertThrows(NoSuchFileException.class, () -> lister.list(longest), "the kernel looked at it");
            NativeException refused = assertThrows(NativeException.class, () -> lister.list(tooLong));
            assertEquals(Errno.ENAMETOOLONG, refused.errno());
            assertEquals("openat", refused.syscall());
            // the kernel itself says the same for that path
            NativeException kernel = assertThrows(NativeException.class, () -> Directories.typeOf(tooLong));
            assertEquals(Errno.ENAMETOOLONG, kernel.errno());
        }
    }

    @Test
    void aListerWorksOnlyOnTheThreadThatOpenedIt() throws Exception {
        files(dir, "f", 1);
        try (DirectoryLister lister = DirectoryLister.open()) {
            CompletableFuture<List<DirectoryEntry>> elsewhere = CompletableFuture.supplyAsync(() -> {
                try {
                    return lister.list(Bytes.of(dir));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> elsewhere.get(30, TimeUnit.SECONDS));
            assertInstanceOf(WrongThreadException.class, e.getCause());
            assertEquals(1, lister.list(Bytes.of(dir)).size());
        }
    }

    @Test
    void closeIsIdempotentAndAClosedListerRefusesToList() {
        DirectoryLister lister = DirectoryLister.open();
        lister.close();
        lister.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lister.list(Bytes.of(dir)));
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }

    @Test
    void linksGiveTheDeviceAndLinkCountStatGives() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.createDirectories(folder.resolve("one/deeper"));
        Files.createDirectories(folder.resolve("two"));
        Files.createFile(folder.resolve("file"));
        try (DirectoryLister lister = DirectoryLister.open()) {
            for (Path each : List.of(folder, folder.resolve("one"), folder.resolve("one/deeper"), folder.resolve("two"))) {
                DirectoryLinks links = lister.links(Bytes.of(each));
                // the JDK's stat(2): whatever the file system's convention, the two must agree
                assertEquals(((Number) Files.getAttribute(each, "unix:nlink")).longValue(), links.linkCount(), each.toString());
                assertEquals((long) (Long) Files.getAttribute(each, "unix:dev"), links.device(), each.toString());
            }
        }
    }

    @Test
    void linksOfAnythingButADirectoryFailAsAListingWould() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectories(dir.resolve("target")));
        try (DirectoryLister lister = DirectoryLister.open()) {
            assertThrows(NotDirectoryException.class, () -> lister.links(Bytes.of(file)));
            assertThrows(NotDirectoryException.class, () -> lister.links(Bytes.of(link)), "a link is not followed");
            assertThrows(NoSuchFileException.class, () -> lister.links(Bytes.of(dir.resolve("absent"))));
            Path target = dir.resolve("target");
            assertEquals(((Number) Files.getAttribute(target, "unix:nlink")).longValue(),
                    lister.links(Bytes.utf8(target + "/.")).linkCount(), "a final \".\" is how a walk reaches through a root that is a link");
        }
    }

    @Test
    void theFileSystemTypeIsStatfsMagicNumber() throws IOException {
        assertEquals(0x9fa0L, Directories.fileSystemType(Bytes.utf8("/proc")), "PROC_SUPER_MAGIC");
        assertEquals(0x62656572L, Directories.fileSystemType(Bytes.utf8("/sys")), "SYSFS_MAGIC");
        assertThrows(NoSuchFileException.class, () -> Directories.fileSystemType(Bytes.of(dir.resolve("absent"))));
    }

    @Test
    void makedevEncodesDevicesAsGlibcDoes() {
        assertEquals(0x0803L, Directories.makedev(8, 3), "sda3: major in bits 8-19, minor in 0-7");
        assertEquals(0x1000_0000_0005L, Directories.makedev(0x1000, 5), "a major above 4095 goes to bits 44-63");
        assertEquals(0x0010_0000L, Directories.makedev(0, 0x100), "a minor above 255 goes to bits 20-43");
    }
}
