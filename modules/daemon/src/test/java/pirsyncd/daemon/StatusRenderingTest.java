package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The table and the Prometheus page show every figure of a status report. */
class StatusRenderingTest {
    private static final StatusReport.TargetReport RETRYING = new StatusReport.TargetReport("offsite",
            "backup@mirror:/srv/www", "retrying", 4, true, "2026-11-25T00:01:02Z", "2026-11-25T00:00:10Z",
            "connection refused (rsync exit 10)", "2026-11-25T00:00:50Z", 9, 3, 2, 120, 4096);

    private static StatusReport report(String watchState, String problem, List<String> unwatchedPaths, long unwatched) {
        return new StatusReport("www", 42, "0.1.0", "2026-11-25T00:00:00Z", 3_723, "/srv/www", watchState, problem,
                1_000, unwatched, unwatchedPaths, 210, 5_000, 1, 4, 30, List.of(RETRYING));
    }

    @Test
    void theTableShowsNextRunFailuresInARowAndTheWatcher() {
        String table = StatusTable.render(report("watching", null, List.of("big/a", "big/b"), 2));

        assertTrue(table.contains("watches   1000 directories (about 205.1 KiB of heap, 210 bytes each); 5000 events read,"
                + " 1 queue overflow(s)\n"), table);
        assertTrue(table.contains("unwatched 2 directories, rescanned periodically (watch limit, or path too long to watch): big/a, big/b\n"),
                table);
        List<String> lines = table.lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("TARGET")).findFirst().orElseThrow();
        String row = lines.stream().filter(l -> l.startsWith("offsite")).findFirst().orElseThrow();
        assertEquals(List.of("TARGET", "DESTINATION", "STATE", "PENDING", "NEXT", "RUN", "LAST", "SUCCESS", "RUNS", "FAILED",
                "FILES", "BYTES", "LAST", "ERROR"), List.of(header.split("\\s+")));
        assertEquals(header.indexOf("NEXT RUN"), row.indexOf("2026-11-25T00:01:02Z"), table);
        assertTrue(row.contains("4 (full sync)") && row.contains("3 (2 in a row)"), row);
    }

    @Test
    void theTableNamesTheRootsProblemAndCutsALongUnwatchedList() {
        List<String> many = IntStream.range(0, 15).mapToObj(i -> "d" + i).toList();
        String table = StatusTable.render(report("root_missing", "source /srv/www is gone (it was deleted)", many, 15));

        assertTrue(table.contains("source    /srv/www (root_missing)\nproblem   source /srv/www is gone (it was deleted)\n"),
                table);
        assertTrue(table.contains(": d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, and 5 more\n"), table);
    }

    @Test
    void metricsHaveNextRunFailuresInARowUnwatchedAndWatchState() {
        String metrics = PrometheusMetrics.render(report("root_missing", "gone", List.of("x"), 1));
        String target = "pirsyncd_instance=\"www\",target=\"offsite\",destination=\"backup@mirror:/srv/www\"";

        for (String series : List.of(
                "pirsyncd_target_next_run_timestamp_seconds{" + target + "} "
                        + Instant.parse("2026-11-25T00:01:02Z").getEpochSecond(),
                "pirsyncd_target_consecutive_failures{" + target + "} 2",
                "pirsyncd_unwatched_directories{pirsyncd_instance=\"www\"} 1",
                "pirsyncd_watch_state{pirsyncd_instance=\"www\",state=\"watching\"} 0",
                "pirsyncd_watch_state{pirsyncd_instance=\"www\",state=\"root_missing\"} 1",
                "pirsyncd_watch_heap_bytes{pirsyncd_instance=\"www\"} 210000",
                "pirsyncd_watch_events_total{pirsyncd_instance=\"www\"} 5000",
                "pirsyncd_watch_overflows_total{pirsyncd_instance=\"www\"} 1")) {
            assertTrue(metrics.contains(series + "\n"), series + " missing in:\n" + metrics);
        }
    }

    @Test
    void everyMetricHasHelpAndTypeOnce() {
        String metrics = PrometheusMetrics.render(report("watching", null, List.of(), 0));
        List<String> names = metrics.lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(0, l.indexOf('{')))
                .distinct().toList();
        for (String name : names) {
            assertEquals(1, metrics.lines().filter(l -> l.startsWith("# HELP " + name + " ")).count(), name);
            assertEquals(1, metrics.lines().filter(l -> l.startsWith("# TYPE " + name + " ")).count(), name);
        }
    }
}
