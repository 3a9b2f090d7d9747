package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password files and private keys on a real file system, with real modes and owners: loose
 * ones are refused before anything starts. Ownership needs root (to chown to nobody).
 */
class SecretFilesIT {
    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void aConfigWithAnRsyncDaemonAndAnSshTarget() throws IOException {
        Files.createDirectory(dir.resolve("tree"));
        config = dir.resolve("secrets.json");
        Files.writeString(config, """
                {
                  "source": "tree",
                  "targets": [
                    {"destination": "rsync://mirror@127.0.0.1:8730/data", "passwordFile": "pw.secret"},
                    {"destination": "backup@127.0.0.1:/srv/www", "ssh": {"identityFile": "id_key"}}
                  ]
                }
                """);
    }

    private Path secret(String name, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private List<String> errors() {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(config), ConfigOverrides.none())).errors();
    }

    @Test
    void ownerOnlySecretsOwnedByUsAreAccepted() throws Exception {
        secret("pw.secret", "rw-------");
        secret("id_key", "r--------");

        PirsyncdConfig loaded = ConfigLoader.load(Optional.of(config), ConfigOverrides.none());

        assertEquals(Optional.of(dir.resolve("pw.secret").toAbsolutePath()), loaded.targets().get(0).options().passwordFile());
        assertEquals(Optional.of(dir.resolve("id_key").toAbsolutePath()), loaded.targets().get(1).options().sshIdentityFile());
    }

    @Test
    void looseSecretsAreRefusedWithTheChmodThatFixesThem() throws Exception {
        Path pw = secret("pw.secret", "rw-r--r--");
        secret("id_key", "rw-r-----");

        assertEquals(List.of(
                        config + ":4:75: targets[0].passwordFile: \"pw.secret\": mode is rw-r--r--, must be rw------- (0600); run: chmod 600 " + pw,
                        config + ":5:74: targets[1].ssh.identityFile: \"id_key\" has mode 0640 (rw-r-----), so others may read the private key; chmod 600 id_key"),
                errors());
    }

    @Test
    void secretsOwnedBySomeoneElseAreRefused() throws Exception {
        assumeTrue(FileRules.runningUid() == 0, "needs root to chown");
        Path pw = secret("pw.secret", "rw-------");
        Path key = secret("id_key", "rw-------");
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(pw, nobody);
        Files.setOwner(key, nobody);
        int nobodyUid = (Integer) Files.getAttribute(pw, "unix:uid");

        assertEquals(List.of(
                        config + ":4:75: targets[0].passwordFile: \"pw.secret\": is owned by uid " + nobodyUid
                                + ", not by the user pirsyncd runs as (uid 0); run: chown 0 " + pw,
                        config + ":5:74: targets[1].ssh.identityFile: \"id_key\" is owned by uid " + nobodyUid
                                + ", not by the user running pirsyncd (uid 0); chown 0 id_key"),
                errors());
    }

    @Test
    void missingSymlinkedOrFolderSecretsAreRefused() throws Exception {
        Path real = secret("real.secret", "rw-------");
        Files.createSymbolicLink(dir.resolve("pw.secret"), real);
        Files.createDirectory(dir.resolve("id_key"));

        List<String> errors = errors();

        assertEquals(2, errors.size(), errors.toString());
        assertEquals(config + ":4:75: targets[0].passwordFile: \"pw.secret\": is not a regular file (a symlink or directory); "
                + "point passwordFile at the file itself", errors.get(0));
        assertEquals(config + ":5:74: targets[1].ssh.identityFile: \"id_key\" is not a regular file; give the private key itself",
                errors.get(1));
    }
}
