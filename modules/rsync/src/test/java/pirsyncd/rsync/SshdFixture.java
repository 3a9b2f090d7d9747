package pirsyncd.rsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code sshd} on 127.0.0.1 and a free port, with a host key and a client key generated for
 * the test by ssh-keygen, the client key authorized for the current user. {@link #start} returns
 * empty with the reason when sshd truly cannot run here (not installed).
 */
final class SshdFixture implements AutoCloseable {
    static final String SSHD = "/usr/sbin/sshd";

    final Path knownHosts;
    final Path clientKey;
    final String user;
    private final LocalServer server;

    private SshdFixture(Path knownHosts, Path clientKey, String user, LocalServer server) {
        this.knownHosts = knownHosts;
        this.clientKey = clientKey;
        this.user = user;
        this.server = server;
    }

    /** Why sshd cannot run here, if it cannot. */
    static Optional<String> unavailableReason() {
        if (!Files.isExecutable(Path.of(SSHD))) {
            return Optional.of(SSHD + " is not installed (apt-get install openssh-server)");
        }
        return Optional.empty();
    }

    static SshdFixture start(Path work) throws IOException, InterruptedException {
        Path hostKey = work.resolve("host_key");
        Path clientKey = work.resolve("client_key");
        keygen(hostKey);
        keygen(clientKey);
        Path authorized = work.resolve("authorized_keys");
        Files.copy(work.resolve("client_key.pub"), authorized);
        // sshd refuses to start without its privilege separation directory
        Files.createDirectories(Path.of("/run/sshd"));
        String user = System.getProperty("user.name");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LocalServer.freePort();
            Path config = work.resolve("sshd_config-" + port);
            Files.writeString(config, String.join("\n",
                    "Port " + port,
                    "ListenAddress " + LocalServer.LOOPBACK,
                    "HostKey " + hostKey,
                    "PidFile " + work.resolve("sshd-" + port + ".pid"),
                    "AuthorizedKeysFile " + authorized,
                    "StrictModes no",
                    "UsePAM no",
                    "PermitRootLogin yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    ""));
            try {
                LocalServer server = LocalServer.start(List.of(SSHD, "-D", "-e", "-f", config.toString()), port,
                        work.resolve("sshd-" + port + ".log"), Duration.ofSeconds(30));
                return new SshdFixture(work.resolve("known_hosts"), clientKey, user, server);
            } catch (IOException e) {
                last = e; // the port was taken in between: try another
            }
        }
        throw last;
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + output);
        }
    }

    /** {@code user@127.0.0.1:DIRECTORY}. */
    Destination destination(Path directory) {
        return Destination.parse(user + "@" + LocalServer.LOOPBACK + ":" + directory);
    }

    /** The ssh settings a target would have in its config. */
    TransferOptions.Builder options(TransferOptions.Builder builder) {
        return builder.sshPort(OptionalInt.of(server.port))
                .sshIdentityFile(Optional.of(clientKey))
                .sshOptions(List.of("UserKnownHostsFile=" + knownHosts, "StrictHostKeyChecking=accept-new",
                        "IdentitiesOnly=yes", "LogLevel=ERROR"));
    }

    @Override
    public void close() {
        server.close();
    }
}
