package pirsyncd.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A test class's rows of the summary table. Register it with {@code @RegisterExtension}; a scenario
 * opens its row with {@link #begin} (done by {@code Mirror.create}), reports through {@link #converged}
 * and {@link #note}, and the outcome of the test (pass, fail, aborted) completes it. When the class
 * ends its rows go to the run's one {@link SummaryTable}.
 */
final class Summary implements TestWatcher, AfterAllCallback {
    /** A row being filled in: the scenario the running test is in. */
    private record Open(String scenario, String kind, Optional<Duration> converged, String note) {}

    private static final ThreadLocal<Open> CURRENT = new ThreadLocal<>();
    /** Scenarios a test already finished (a soak test runs several in a loop); they passed. */
    private static final ThreadLocal<List<Open>> FINISHED = ThreadLocal.withInitial(ArrayList::new);

    private final List<SummaryTable.Row> rows = new ArrayList<>();

    /**
     * Names the scenario the running test is about to run; call before anything can fail. A scenario
     * begun earlier in the same test got here, so it passed.
     */
    static void begin(String scenario, DestinationKind kind) {
        Open previous = CURRENT.get();
        if (previous != null) {
            FINISHED.get().add(previous);
        }
        CURRENT.set(new Open(scenario, kind.label(), Optional.empty(), ""));
    }

    /**
     * Records how long the replica took to converge after a step's last change; the row keeps the
     * slowest step of the scenario.
     */
    static void converged(Duration took) {
        Open row = CURRENT.get();
        if (row != null) {
            Duration slowest = row.converged().filter(d -> d.compareTo(took) > 0).orElse(took);
            CURRENT.set(new Open(row.scenario(), row.kind(), Optional.of(slowest), row.note()));
        }
    }

    /** Adds a measured figure or an observation to the row's note (lag, memory, what the daemon logged). */
    static void note(String text) {
        Open row = CURRENT.get();
        if (row != null) {
            String note = row.note().isEmpty() ? text : row.note() + "; " + text;
            CURRENT.set(new Open(row.scenario(), row.kind(), row.converged(), note));
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        finish(context, "PASS");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String first = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        note(first.length() > 100 ? first.substring(0, 100) + "..." : first);
        finish(context, "FAIL");
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        note(String.valueOf(cause.getMessage()));
        finish(context, "ABORTED");
    }

    private synchronized void finish(ExtensionContext context, String result) {
        String testClass = context.getRequiredTestClass().getSimpleName();
        for (Open passed : FINISHED.get()) {
            rows.add(row(testClass, passed, "PASS"));
        }
        FINISHED.remove();
        Open row = CURRENT.get();
        CURRENT.remove();
        if (row != null) {
            rows.add(row(testClass, row, result));
        }
    }

    private static SummaryTable.Row row(String testClass, Open row, String result) {
        return new SummaryTable.Row(testClass, row.scenario(), row.kind(), result, row.converged(), row.note());
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        SummaryTable.add(rows);
        rows.clear();
    }
}
