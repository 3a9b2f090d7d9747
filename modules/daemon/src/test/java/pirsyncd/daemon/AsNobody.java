package pirsyncd.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tiny JDK-only control-socket client as user {@code nobody} (setpriv(1)), to see what
 * another user gets. It uses the java launcher's source-file mode so that nobody needs to read
 * nothing of ours but one world-readable file.
 */
final class AsNobody {
    private AsNobody() {}

    /** What the probe printed (its reply, or its exception) and its exit code. */
    record Result(int exitCode, String output) {}

    private static final String PROBE = """
            import java.net.*;
            import java.nio.*;
            import java.nio.channels.*;
            import java.nio.charset.StandardCharsets;
            public class Probe {
                public static void main(String[] args) throws Exception {
                    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                        c.connect(UnixDomainSocketAddress.of(args[0]));
                        c.write(ByteBuffer.wrap((args[1] + "\\n").getBytes(StandardCharsets.UTF_8)));
                        c.shutdownOutput();
                        ByteBuffer in = ByteBuffer.allocate(65536);
                        while (c.read(in) >= 0) { }
                        System.out.print(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        System.out.print(e);
                    }
                }
            }
            """;

    /** Connects to {@code socket} as nobody and sends {@code request}; {@code scratch} must be reachable by nobody. */
    static Result probe(Path scratch, Path socket, String request) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "probe-");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path source = dir.resolve("Probe.java");
            Files.writeString(source, PROBE);
            Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
                    "--clear-groups", java, "-Duser.home=/tmp", source.toString(), socket.toString(), request))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the probe as nobody did not finish in 60 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.exitValue(), output);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
