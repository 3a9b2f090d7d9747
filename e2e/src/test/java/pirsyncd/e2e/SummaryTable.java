package pirsyncd.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one summary table of a test run (issue 8: scenario, destination kind, result, seconds to
 * converge), the rows of every test class together. {@link SummarySessionListener} starts a run (the
 * file {@code target/e2e/summary.txt} is emptied) and prints the table when the run ends; each class's
 * {@link Summary} hands over its rows when the class ends, and the file is rewritten then, so a run
 * that is killed half-way still leaves the rows it had.
 */
final class SummaryTable {
    private static final String FORMAT = "%-14s %-44s %-7s %-7s %9s  %s%n";
    private static final List<Row> ROWS = new ArrayList<>();

    /** One line of the table; {@code converged} is empty when the scenario never converged. */
    record Row(String testClass, String scenario, String kind, String result, Optional<Duration> converged,
            String note) {}

    private SummaryTable() {}

    /** Forgets the rows of an earlier run and empties the file. */
    static synchronized void startRun() {
        ROWS.clear();
        write("");
    }

    static synchronized void add(List<Row> rows) {
        ROWS.addAll(rows);
        write(render());
    }

    /** The table of this run so far, or an empty string when no scenario ran. */
    static synchronized String render() {
        if (ROWS.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("\ne2e summary (converge = the slowest step of a scenario)\n");
        table.append(String.format(Locale.ROOT, FORMAT, "class", "scenario", "dest", "result", "converge", "note"));
        for (Row row : ROWS) {
            String seconds = row.converged().map(d -> String.format(Locale.ROOT, "%8.2fs", d.toMillis() / 1000.0))
                    .orElse("        -");
            table.append(String.format(Locale.ROOT, FORMAT, row.testClass(), row.scenario(), row.kind(), row.result(),
                    seconds, row.note()));
        }
        long passed = ROWS.stream().filter(r -> r.result().equals("PASS")).count();
        table.append(String.format(Locale.ROOT, "%d scenarios: %d passed, %d not%n", ROWS.size(), passed,
                ROWS.size() - passed));
        return table.toString();
    }

    static Path file() {
        return Workspace.root().resolve("summary.txt");
    }

    private static void write(String text) {
        try {
            Files.writeString(file(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
