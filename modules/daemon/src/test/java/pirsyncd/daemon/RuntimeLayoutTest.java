package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the runtime folder is and what pirsyncd does to it: a folder it did not create keeps its
 * mode; a shared folder with the sticky bit (like /tmp) gets a private subfolder; a folder others
 * may write to otherwise, or that is someone else's, is refused with the fix.
 */
class RuntimeLayoutTest {
    private static final InstanceName WWW = new InstanceName("www");

    @TempDir
    Path temp;

    private static int mode(Path folder) throws IOException {
        return (Integer) Files.getAttribute(folder, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static RuntimeLayout given(Path folder) {
        return RuntimeLayout.resolve(Optional.of(folder.toString()), Map.of(), WWW);
    }

    @Test
    void aNewFolderIsCreatedPrivate() throws IOException {
        RuntimeLayout layout = given(temp.resolve("a/rt"));
        layout.createDirectory();
        assertEquals(temp.resolve("a/rt"), layout.directory());
        assertEquals(0700, mode(layout.directory()));
        assertEquals(temp.resolve("a/rt/www.sock"), layout.socket());
    }

    @Test
    void anExistingFolderOfOursKeepsItsMode() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("rt"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        RuntimeLayout layout = given(folder);
        layout.createDirectory();
        assertEquals(folder, layout.directory());
        assertEquals(0755, mode(folder), "a folder pirsyncd did not create must keep its mode");
    }

    @Test
    void aWorldWritableStickyFolderLikeTmpGetsAPrivateSubfolderAndKeepsItsMode() throws IOException {
        Path shared = Files.createDirectory(temp.resolve("tmp"));
        Files.setAttribute(shared, "unix:mode", 01777);
        RuntimeLayout layout = given(shared);
        layout.createDirectory();
        assertEquals(shared.resolve("pirsyncd-" + CurrentUser.uid()), layout.directory());
        assertEquals(0700, mode(layout.directory()));
        assertEquals(01777, mode(shared), "the shared folder itself must be left as it was");
        assertEquals(Optional.of(shared), layout.sharedParent());
        assertTrue(layout.describeDirectory().contains("a private folder inside " + shared), layout.describeDirectory());
        // the client finds the same place from the same flag
        assertEquals(layout.socket(), given(shared).socket());
    }

    @Test
    void theRealTmpMeansAPrivateFolderInIt() {
        assertEquals(Path.of("/tmp/pirsyncd-" + CurrentUser.uid()), given(Path.of("/tmp")).directory());
    }

    @Test
    void aGroupWritableFolderWithoutTheStickyBitIsRefusedWithTheFix() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("group"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxr-x"));
        UserError e = assertThrows(UserError.class, () -> given(folder).createDirectory());
        assertEquals(ExitCodes.CONFIG, e.exitCode());
        assertEquals("--runtime-dir: " + folder + " has mode 0775, so others may write to it and replace the control"
                + " socket; take their write permission away (chmod go-w " + folder + ") or choose a folder only you can"
                + " write to", e.getMessage());
        assertEquals(0775, mode(folder), "refused, not changed");
    }

    @Test
    void someoneElsesFolderIsRefused() throws IOException {
        assumeTrue(CurrentUser.uid() == 0, "chown needs root");
        Path folder = Files.createDirectory(temp.resolve("theirs"));
        Files.setAttribute(folder, "unix:uid", 65534);
        UserError e = assertThrows(UserError.class, () -> given(folder).createDirectory());
        assertTrue(e.getMessage().startsWith("--runtime-dir: " + folder + " belongs to uid 65534, not to you"),
                e.getMessage());
    }

    @Test
    void anEmptyEnvironmentVariableMeansUnset() {
        RuntimeLayout fromEmpty = RuntimeLayout.resolve(Optional.empty(), Map.of("PIRSYNCD_RUNTIME_DIR", ""), WWW);
        RuntimeLayout unset = RuntimeLayout.resolve(Optional.empty(), Map.of(), WWW);
        assertEquals(unset.directory(), fromEmpty.directory());
        assertTrue(!fromEmpty.directory().equals(Path.of("").toAbsolutePath()), "never the current directory");
    }

    @Test
    void theEnvironmentVariableStandsForTheFlagAndTheFlagWins() {
        Path fromEnvironment = temp.resolve("env");
        assertEquals(fromEnvironment, RuntimeLayout.resolve(Optional.empty(),
                Map.of("PIRSYNCD_RUNTIME_DIR", fromEnvironment.toString()), WWW).directory());
        assertEquals(temp.resolve("flag"), RuntimeLayout.resolve(Optional.of(temp.resolve("flag").toString()),
                Map.of("PIRSYNCD_RUNTIME_DIR", fromEnvironment.toString()), WWW).directory());
    }

    @Test
    void anEmptyFlagIsAUsageError() {
        UserError e = assertThrows(UserError.class, () -> RuntimeLayout.resolve(Optional.of(""), Map.of(), WWW));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals("--runtime-dir: is empty; name a folder, or leave the option out for the default", e.getMessage());
    }
}
