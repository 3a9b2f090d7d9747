package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/config.md, "Status and metrics", documents exactly the fields of {@code status --json}
 * and the series of {@code metrics}: scripts are written against that page.
 */
class StatusDocsTest {
    private static final Path DOCS = Path.of("../../docs/config.md");

    private static String section() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        return docs.substring(docs.indexOf("## Status and metrics"));
    }

    private static Set<String> firstColumn(String table) {
        Matcher row = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE).matcher(table);
        Set<String> names = new TreeSet<>();
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    @Test
    void everyStatusFieldIsDocumentedAndNoOther() throws IOException {
        String section = section();
        String table = section.substring(section.indexOf("### `status --json`"), section.indexOf("### `metrics`"));
        Set<String> fields = new TreeSet<>(names(StatusReport.class.getRecordComponents(), ""));
        fields.addAll(names(StatusReport.TargetReport.class.getRecordComponents(), "targets[]."));
        assertEquals(fields, firstColumn(table));
    }

    @Test
    void everyMetricIsDocumentedAndNoOther() throws IOException {
        String section = section();
        String table = section.substring(section.indexOf("### `metrics`"));
        StatusReport status = new StatusReport("i", 1, "v", "2026-01-01T00:00:00Z", 1, "/s", "watching", null, 1, 0,
                List.of(), 210, 0, 0, 0, 30, List.of(new StatusReport.TargetReport("t", "/d", "idle", 0, false, null, null,
                        null, null, 0, 0, 0, 0, 0)));
        Set<String> series = PrometheusMetrics.render(status).lines().filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.substring("# TYPE ".length(), l.lastIndexOf(' '))).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(series, firstColumn(table));
    }

    private static List<String> names(RecordComponent[] components, String prefix) {
        return Arrays.stream(components).map(c -> prefix + c.getName()).toList();
    }
}
