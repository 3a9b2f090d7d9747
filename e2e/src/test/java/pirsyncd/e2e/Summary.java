package pirsyncd.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The summary table issue 8 asks for — scenario, destination kind, result, seconds to converge — printed
 * after each test class and appended to {@code target/e2e/summary.txt}. Register it with
 * {@code @RegisterExtension}; a scenario reports its row through {@link #converged}, and the outcome of the
 * test (pass, fail, aborted) completes it.
 */
final class Summary implements TestWatcher, AfterAllCallback {
    private static final ThreadLocal<Row> CURRENT = new ThreadLocal<>();

    private final List<Row> rows = new ArrayList<>();

    /** One line of the table; {@code seconds} is empty when the scenario never converged. */
    record Row(String scenario, String kind, String result, Optional<Duration> converged, String note) {}

    /** Rows of scenarios a test already finished (a soak test runs several in a loop). */
    private static final ThreadLocal<List<Row>> FINISHED = ThreadLocal.withInitial(ArrayList::new);

    /**
     * Names the scenario the running test is about to run; call before anything can fail. A scenario
     * begun earlier in the same test got here, so it passed.
     */
    static void begin(String scenario, DestinationKind kind) {
        Row previous = CURRENT.get();
        if (previous != null) {
            FINISHED.get().add(new Row(previous.scenario(), previous.kind(), "PASS", previous.converged(),
                    previous.note()));
        }
        CURRENT.set(new Row(scenario, kind.label(), "?", Optional.empty(), ""));
    }

    /**
     * Records how long the replica took to converge after a step's last change; the row keeps the
     * slowest step of the scenario.
     */
    static void converged(Duration took) {
        Row row = CURRENT.get();
        if (row != null) {
            Duration slowest = row.converged().filter(d -> d.compareTo(took) > 0).orElse(took);
            CURRENT.set(new Row(row.scenario(), row.kind(), row.result(), Optional.of(slowest), row.note()));
        }
    }

    /** Adds a measured figure to the row's note (lag, memory). */
    static void note(String text) {
        Row row = CURRENT.get();
        if (row != null) {
            String note = row.note().isEmpty() ? text : row.note() + "; " + text;
            CURRENT.set(new Row(row.scenario(), row.kind(), row.result(), row.converged(), note));
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        finish("PASS");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String first = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        note(first.length() > 100 ? first.substring(0, 100) + "..." : first);
        finish("FAIL");
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        note(String.valueOf(cause.getMessage()));
        finish("ABORTED");
    }

    private synchronized void finish(String result) {
        rows.addAll(FINISHED.get());
        FINISHED.remove();
        Row row = CURRENT.get();
        CURRENT.remove();
        if (row != null) {
            rows.add(new Row(row.scenario(), row.kind(), result, row.converged(), row.note()));
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder();
        table.append('\n').append(context.getDisplayName()).append('\n');
        table.append(String.format(Locale.ROOT, "%-44s %-7s %-7s %9s  %s%n", "scenario", "dest", "result",
                "converge", "note (converge = slowest step)"));
        for (Row row : rows) {
            String seconds = row.converged().map(d -> String.format(Locale.ROOT, "%8.2fs", d.toMillis() / 1000.0))
                    .orElse("        -");
            table.append(String.format(Locale.ROOT, "%-44s %-7s %-7s %9s  %s%n", row.scenario(), row.kind(),
                    row.result(), seconds, row.note()));
        }
        System.out.print(table);
        try {
            Files.writeString(Workspace.root().resolve("summary.txt"), table, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.clear();
    }

    static Path file() {
        return Workspace.root().resolve("summary.txt");
    }
}
