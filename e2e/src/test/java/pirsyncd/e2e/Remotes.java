package pirsyncd.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * The remote ends of the ssh and rsync-daemon destinations: a real {@code sshd} and a real
 * {@code rsync --daemon}, started by this suite on 127.0.0.1 only, on free ports, with configs, keys and
 * secrets generated for the run under {@code target/e2e/remotes}. Both serve directories of this machine,
 * so a replica is always readable locally for comparison. Started on first use, stopped at JVM exit.
 */
final class Remotes {
    static final String RSYNC_USER = "e2e";
    static final String RSYNC_MODULE = "e2e";
    private static final String RSYNC_SECRET = "e2e-secret-not-for-production";

    private static TestServer sshd;
    private static TestServer rsyncd;

    private Remotes() {}

    static Path dir() {
        return Workspace.created(Workspace.root().resolve("remotes"));
    }

    /** The private key the daemon's ssh uses ({@code sshIdentityFile}). */
    static Path sshIdentity() {
        return dir().resolve("id_ed25519");
    }

    /** The client password file for the rsync daemon ({@code passwordFile}, mode 0600). */
    static Path rsyncPasswordFile() {
        return dir().resolve("rsync.password");
    }

    /** The suite's sshd, running (started on first call). */
    static synchronized TestServer sshd() {
        if (sshd == null) {
            Path dir = Workspace.fresh("remotes/sshd");
            Path hostKey = dir.resolve("host_ed25519");
            keygen(hostKey);
            if (!Files.exists(sshIdentity())) {
                keygen(sshIdentity());
            }
            try {
                Files.copy(Path.of(sshIdentity() + ".pub"), dir.resolve("authorized_keys"));
                // sshd's privilege separation needs this directory (created by the package's unit normally)
                Files.createDirectories(Path.of("/run/sshd"));
                int port = FreePort.pick();
                Path config = dir.resolve("sshd_config");
                Files.writeString(config, String.join("\n",
                        "ListenAddress 127.0.0.1",
                        "Port " + port,
                        "HostKey " + hostKey,
                        "PidFile " + dir.resolve("sshd.pid"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "PermitRootLogin prohibit-password",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "UsePAM no",
                        "StrictModes no",
                        "LogLevel ERROR",
                        "MaxStartups 100:30:200",
                        "MaxSessions 100",
                        ""));
                sshd = new TestServer("sshd", List.of("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()), port,
                        dir.resolve("sshd.log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sshd.start();
            Runtime.getRuntime().addShutdownHook(new Thread(sshd::stop, "stop-sshd"));
        }
        return sshd;
    }

    /** The suite's rsync daemon serving module {@code e2e} = {@code target/e2e}, running (started on first call). */
    static synchronized TestServer rsyncd() {
        if (rsyncd == null) {
            Path dir = Workspace.fresh("remotes/rsyncd");
            try {
                Path secrets = dir.resolve("rsyncd.secrets");
                Files.writeString(secrets, RSYNC_USER + ":" + RSYNC_SECRET + "\n");
                Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(rsyncPasswordFile(), RSYNC_SECRET + "\n");
                Files.setPosixFilePermissions(rsyncPasswordFile(), PosixFilePermissions.fromString("rw-------"));
                int port = FreePort.pick();
                Path config = dir.resolve("rsyncd.conf");
                Files.writeString(config, String.join("\n",
                        // chroot: without it rsyncd sanitizes symlink targets (absolute or leading
                        // out of the module are cut), and a mirror must keep links exactly
                        "use chroot = yes",
                        "numeric ids = yes",
                        "pid file = " + dir.resolve("rsyncd.pid"),
                        "log file = " + dir.resolve("rsyncd.xfer.log"),
                        "max connections = 0",
                        "[" + RSYNC_MODULE + "]",
                        "  path = " + Workspace.root(),
                        "  read only = no",
                        "  munge symlinks = no",
                        "  uid = root",
                        "  gid = root",
                        "  auth users = " + RSYNC_USER,
                        "  secrets file = " + secrets,
                        ""));
                rsyncd = new TestServer("rsync daemon", List.of("rsync", "--daemon", "--no-detach",
                        "--address=127.0.0.1", "--port=" + port, "--config=" + config), port, dir.resolve("rsyncd.log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rsyncd.start();
            Runtime.getRuntime().addShutdownHook(new Thread(rsyncd::stop, "stop-rsyncd"));
        }
        return rsyncd;
    }

    /** The path of {@code replica} inside the rsync module (the module's root is the suite's workspace). */
    static String modulePath(Path replica) {
        return Workspace.root().relativize(replica).toString();
    }

    private static void keygen(Path key) {
        Exec.run(Duration.ofSeconds(60), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pirsyncd-e2e",
                "-f", key.toString()).requireSuccess();
    }
}
