package pirsyncd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CombinerTest {
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern SLASH = Pattern.compile(" / ");
    private static final Pattern BAR = Pattern.compile("|", Pattern.LITERAL);

    /** The issue's own examples, one sequence of events per row, starting from nothing pending. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '=', textBlock = """
            CREATED_FILE MODIFIED MODIFIED             = NEW_FILE
            MODIFIED DELETED                           = PATH
            CREATED_FILE DELETED                       = NONE
            CREATED_DIRECTORY ATTRIBUTES_CHANGED DELETED = NONE
            DELETED CREATED_FILE                       = PATH
            DELETED CREATED_DIRECTORY                  = TREE
            CREATED_FILE DELETED CREATED_DIRECTORY     = NEW_TREE
            FILE_MOVED_HERE MODIFIED                   = PATH_AND_TREE
            DIRECTORY_MOVED_HERE DELETED               = PATH
            MODIFIED FILE_MOVED_HERE                   = PATH
            CREATED_FILE RETRIED_PATH DELETED          = PATH
            """)
    void sequencesCoalesceAsTheIssueSays(String events, PathState expected) {
        PathState state = PathState.NONE;
        for (String event : SPACES.split(events.trim(), -1)) {
            state = Combiner.combine(state, PathEvent.valueOf(event), true);
        }
        assertEquals(expected, state);
    }

    @Test
    void aCreateWhileARunIsInFlightIsNeverClaimedFresh() {
        assertEquals(PathState.PATH, Combiner.combine(PathState.NONE, PathEvent.CREATED_FILE, false));
        assertEquals(PathState.TREE, Combiner.combine(PathState.NONE, PathEvent.CREATED_DIRECTORY, false));
        // ... so the delete that follows is sent, in case the running rsync copied the entry
        PathState state = Combiner.combine(PathState.NONE, PathEvent.CREATED_FILE, false);
        assertEquals(PathState.PATH, Combiner.combine(state, PathEvent.DELETED, true));
    }

    /** The README's table is the specification: every cell of it must be what the code does. */
    @Test
    void readmeTableMatchesTheCodeCellByCell() throws IOException {
        List<String> rows = tableRows();
        String[] header = cells(rows.get(0));
        List<PathEvent> columns = new ArrayList<>();
        for (int i = 1; i < header.length; i++) {
            columns.add(PathEvent.valueOf(header[i]));
        }
        assertEquals(EnumSet.allOf(PathEvent.class), EnumSet.copyOf(columns), "one column per event");
        Set<PathState> seenRows = EnumSet.noneOf(PathState.class);
        for (String row : rows.subList(2, rows.size())) {
            String[] cells = cells(row);
            PathState old = state(cells[0]);
            seenRows.add(old);
            for (int i = 1; i < cells.length; i++) {
                PathEvent event = columns.get(i - 1);
                String[] outcomes = SLASH.split(cells[i], -1);
                String where = old + " + " + event;
                assertEquals(state(outcomes[0]), Combiner.combine(old, event, true), where + " (no run in flight)");
                assertEquals(state(outcomes[outcomes.length - 1]), Combiner.combine(old, event, false),
                        where + " (a run in flight)");
            }
        }
        assertEquals(EnumSet.allOf(PathState.class), seenRows, "one row per state");
    }

    @Test
    void onlyAFreshEntryCanBeCancelledByADelete() {
        for (PathState old : PathState.values()) {
            PathState after = Combiner.combine(old, PathEvent.DELETED, true);
            assertEquals(old.fresh(), after == PathState.NONE, old + " + DELETED");
        }
    }

    @Test
    void anEventNeverYieldsAFreshStateFromAnUnfreshOne() {
        for (PathState old : PathState.values()) {
            for (PathEvent event : PathEvent.values()) {
                PathState after = Combiner.combine(old, event, true);
                boolean freshFromNothing = old == PathState.NONE
                        && (event == PathEvent.CREATED_FILE || event == PathEvent.CREATED_DIRECTORY);
                assertTrue(!after.fresh() || old.fresh() || freshFromNothing, old + " + " + event + " -> " + after);
            }
        }
    }

    private static List<String> tableRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| pending \\ event")) {
                start = i;
                break;
            }
        }
        assertTrue(start >= 0, "README.md has the coalescing table");
        List<String> rows = new ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    private static String[] cells(String row) {
        String inner = row.substring(1, row.lastIndexOf('|'));
        String[] cells = BAR.split(inner, -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    private static PathState state(String cell) {
        return cell.equals("—") ? PathState.NONE : PathState.valueOf(cell);
    }
}
