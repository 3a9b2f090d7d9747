package pirsyncd.rsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code rsync --daemon} on 127.0.0.1 and a free port, with one module {@code data} that
 * needs user {@code pirsyncd} and password {@code s3cret}, and a client password file of mode 0600.
 */
final class RsyncDaemonFixture implements AutoCloseable {
    static final String USER = "pirsyncd";
    static final String PASSWORD = "s3cret";

    final Path moduleDirectory;
    final Path passwordFile;
    private final LocalServer server;

    private RsyncDaemonFixture(Path moduleDirectory, Path passwordFile, LocalServer server) {
        this.moduleDirectory = moduleDirectory;
        this.passwordFile = passwordFile;
        this.server = server;
    }

    static RsyncDaemonFixture start(Path work) throws IOException, InterruptedException {
        Path module = Files.createDirectories(work.resolve("module"));
        Path secrets = work.resolve("rsyncd.secrets");
        Files.writeString(secrets, USER + ":" + PASSWORD + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Path client = work.resolve("client.password");
        Files.writeString(client, PASSWORD + "\n");
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rw-------"));
        Path config = work.resolve("rsyncd.conf");
        Files.writeString(config, String.join("\n",
                "pid file = " + work.resolve("rsyncd.pid"),
                // chroot: without it the daemon strips the leading '/' of absolute symlink targets
                "use chroot = yes",
                // as root the daemon would otherwise switch to nobody and could not set owners
                "uid = 0",
                "gid = 0",
                "[data]",
                "path = " + module,
                "read only = no",
                "auth users = " + USER,
                "secrets file = " + secrets,
                ""));
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LocalServer.freePort();
            try {
                LocalServer server = LocalServer.start(List.of("rsync", "--daemon", "--no-detach",
                        "--config=" + config, "--port=" + port, "--address=" + LocalServer.LOOPBACK),
                        port, work.resolve("rsyncd-" + port + ".log"), Duration.ofSeconds(30));
                return new RsyncDaemonFixture(module, client, server);
            } catch (IOException e) {
                last = e; // the port was taken in between: try another
            }
        }
        throw last;
    }

    /** {@code rsync://pirsyncd@127.0.0.1:PORT/data/SUB}. */
    Destination destination(String sub) {
        return Destination.parse("rsync://" + USER + "@" + LocalServer.LOOPBACK + ":" + server.port + "/data/" + sub);
    }

    @Override
    public void close() {
        server.close();
    }
}
