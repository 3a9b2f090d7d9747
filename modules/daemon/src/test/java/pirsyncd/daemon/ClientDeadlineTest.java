package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A daemon that accepts connections but never answers (as one stopped with SIGSTOP does: the
 * kernel completes the connection into the listen backlog) must not hang a client: every client
 * command gives up after {@link Client#ANSWER_BOUND} with one line and exit 75, through picocli
 * and through the fast path alike. The cases run at once (each with its own socket), as each mostly
 * waits out the deadline.
 */
@Timeout(60)
@Execution(ExecutionMode.CONCURRENT)
class ClientDeadlineTest {
    @TempDir
    Path temp;

    private ServerSocketChannel mute;
    private Thread acceptor;
    private final List<SocketChannel> held = new ArrayList<>();

    @BeforeEach
    void aSocketThatAcceptsAndNeverReplies() throws IOException {
        mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        mute.bind(UnixDomainSocketAddress.of(temp.resolve("mute.sock")));
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    SocketChannel client = mute.accept();
                    synchronized (held) {
                        held.add(client); // kept open and never written to
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    @AfterEach
    void close() throws IOException, InterruptedException {
        mute.close();
        acceptor.join(5_000);
        synchronized (held) {
            for (SocketChannel client : held) {
                client.close();
            }
        }
    }

    private String expectedLine() {
        return "pirsyncd: instance mute at " + temp.resolve("mute.sock") + " is not answering (no reply within 5 s);"
                + " is it stopped (SIGSTOP) or overloaded?\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "resync", "metrics", "stop"})
    void aDaemonThatNeverAnswersIsReportedAfterTheDeadlineThroughPicocli(String command) {
        long started = System.nanoTime();
        CommandLineTest.Outcome outcome = CommandLineTest.execute(command, "--instance", "mute",
                "--runtime-dir", temp.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(ExitCodes.TEMPFAIL, outcome.exitCode(), outcome.err());
        assertEquals(expectedLine(), outcome.err());
        assertEquals("", outcome.out());
        assertTrue(took.compareTo(Client.ANSWER_BOUND) >= 0 && took.compareTo(Client.ANSWER_BOUND.plusSeconds(10)) < 0,
                "gave up after " + took);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "status --json"})
    void theFastPathGivesUpAlikeAfterTheDeadline(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--instance", "mute", "--runtime-dir", temp.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        OptionalInt code = ClientFastPath.run(args.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertEquals(OptionalInt.of(ExitCodes.TEMPFAIL), code);
        assertEquals(expectedLine(), err.toString());
    }
}
