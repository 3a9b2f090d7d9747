package pirsyncd.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinylog.Level;
import org.tinylog.core.LogEntry;

/** The log writer on its own: per-tag levels, size rotation, reopening after logrotate. */
class DaemonLogWriterTest {
    @TempDir
    Path temp;

    private static LogEntry entry(String tag, Level level, String message) {
        return new LogEntry(new org.tinylog.runtime.PreciseTimestamp(), null, null, null, null, null, -1, tag, level,
                message, null);
    }

    @Test
    void tagLevelsOverrideTheDefault() {
        LogLevels levels = LogLevels.parse("warn,watch=debug,rsync=info");
        assertTrue(levels.passes("watch", Level.DEBUG));
        assertFalse(levels.passes("watch", Level.TRACE));
        assertTrue(levels.passes("rsync", Level.INFO));
        assertFalse(levels.passes("schedule", Level.INFO));
        assertFalse(levels.passes(null, Level.INFO));
        assertEquals(Level.DEBUG, levels.lowest());
        assertEquals("warn,rsync=info,watch=debug", levels.encode());
        assertEquals(levels, LogLevels.parse(levels.encode()));
    }

    @Test
    void unknownLevelSaysWhichAreValid() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> LogLevels.parse("loud"));
        assertEquals("unknown log level \"loud\"; use trace, debug, info, warn, error or off", bad.getMessage());
    }

    @Test
    void writesFilteredLinesAndRotatesBySize() throws Exception {
        Path file = temp.resolve("d.log");
        DaemonLogWriter writer = new DaemonLogWriter(Map.of("levels", "info,watch=warn", "file", file.toString(),
                "max-size", "200", "backups", "2"));
        try {
            writer.write(entry("watch", Level.INFO, "filtered out"));
            writer.write(entry("rsync", Level.INFO, "first"));
            String first = Files.readString(file);
            assertTrue(first.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[rsync\\] first\n"), first);
            for (int i = 0; i < 20; i++) {
                writer.write(entry("rsync", Level.INFO, "line " + i + " ".repeat(30)));
            }
        } finally {
            writer.close();
        }
        assertTrue(Files.size(file) <= 200, "rotated at the size");
        assertTrue(Files.exists(temp.resolve("d.log.1")) && Files.exists(temp.resolve("d.log.2")));
        assertFalse(Files.exists(temp.resolve("d.log.3")), "only two backups kept");
        assertTrue(Files.readString(file).contains("line 19"));
    }

    @Test
    void reopensTheFileAfterLogrotateMovedIt() throws Exception {
        Path file = temp.resolve("r.log");
        DaemonLogWriter writer = new DaemonLogWriter(Map.of("levels", "info", "file", file.toString()));
        try {
            writer.write(entry(null, Level.INFO, "before"));
            Files.move(file, temp.resolve("r.log.moved"));
            writer.write(entry(null, Level.INFO, "still into the moved file"));
            DaemonLogWriter.requestReopen(); // what SIGHUP does
            writer.write(entry(null, Level.INFO, "after"));
        } finally {
            writer.close();
        }
        assertTrue(Files.readString(temp.resolve("r.log.moved")).contains("still into the moved file"));
        String fresh = Files.readString(file);
        assertTrue(fresh.contains("after") && !fresh.contains("before"), fresh);
    }
}
