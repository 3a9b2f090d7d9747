package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileIT {
    @TempDir
    Path dir;

    @Test
    void privateRegularFileOfTheRunningUserPasses() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertDoesNotThrow(() -> PasswordFile.check(file));
    }

    @Test
    void fileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        refused(file, "chmod 600 " + file);
    }

    @Test
    void missingFileDirectoryAndSymlinkAreRefused() throws Exception {
        refused(dir.resolve("nope"), "does not exist");
        refused(dir, "not a regular file");
        Path target = Files.writeString(dir.resolve("target"), "pw\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        refused(Files.createSymbolicLink(dir.resolve("link"), target), "not a regular file");
    }

    @Test
    void fileOfAnotherUserIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        int self = PasswordFile.currentUid();
        Files.setAttribute(file, "unix:uid", self + 4242);
        refused(file, "chown " + self + " " + file);
    }

    private static void refused(Path file, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordFile.check(file));
        assertTrue(e.getMessage().startsWith("passwordFile " + file + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }
}
