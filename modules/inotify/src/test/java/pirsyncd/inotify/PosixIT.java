package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PosixIT {
    @TempDir
    Path dir;

    @Test
    void getpidIsThisProcess() {
        assertEquals(ProcessHandle.current().pid(), Posix.getpid());
    }

    @Test
    void getuidMatchesTheKernelsView() throws IOException {
        // /proc/self/status: "Uid:\t<real>\t<effective>\t<saved>\t<fs>"
        String uidLine = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
        String realUid = new java.util.Scanner(uidLine.substring("Uid:".length())).next();
        assertEquals(Integer.parseInt(realUid), Posix.getuid());
    }

    @Test
    void renameMovesRawByteNamesBothWays() throws IOException {
        byte[] odd = {'x', (byte) 0xff, '\n', (byte) 0xe9};
        Path plain = Files.writeString(dir.resolve("plain"), "content");
        Posix.rename(Bytes.of(plain), Bytes.child(dir, odd));
        assertFalse(Files.exists(plain));
        Set<String> names = Directories.list(Bytes.of(dir)).stream()
                .map(entry -> new String(entry.name(), StandardCharsets.ISO_8859_1)).collect(Collectors.toSet());
        assertEquals(Set.of(new String(odd, StandardCharsets.ISO_8859_1)), names);
        Posix.rename(Bytes.child(dir, odd), Bytes.of(dir.resolve("back")));
        assertEquals("content", Files.readString(dir.resolve("back")));
    }

    @Test
    void renameOfAMissingFileNamesBothPaths() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Posix.rename(Bytes.of(dir.resolve("absent")), Bytes.of(dir.resolve("target"))));
        assertEquals(dir.resolve("absent") + " -> " + dir.resolve("target") + ": rename: no such file or directory",
                e.getMessage());
    }

    @Test
    void renameOfADirectoryOntoANonEmptyOneIsANativeExceptionWithErrno() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.createFile(b.resolve("inside"));
        NativeException e = assertThrows(NativeException.class, () -> Posix.rename(Bytes.of(a), Bytes.of(b)));
        assertTrue(e.errno() == Errno.ENOTEMPTY || e.errno() == Errno.EEXIST, e.getMessage());
        assertEquals("rename", e.syscall());
    }

    /**
     * After a successful setsid the process leads its session and group, so a second call must
     * fail with EPERM (setsid(2)); the first may already fail if the test JVM leads its group.
     */
    @Test
    void setsidFailsWithEpermForAGroupLeader() {
        try {
            Posix.setsid();
        } catch (IOException alreadyLeader) {
            assertEquals(Errno.EPERM, ((NativeException) alreadyLeader).errno());
        }
        NativeException e = assertThrows(NativeException.class, Posix::setsid);
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().startsWith("setsid: EPERM — "), e.getMessage());
    }
}
