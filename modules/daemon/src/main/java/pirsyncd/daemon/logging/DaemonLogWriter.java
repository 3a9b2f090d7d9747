package pirsyncd.daemon.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import org.tinylog.core.LogEntry;
import org.tinylog.core.LogEntryValue;
import org.tinylog.writers.Writer;

/**
 * pirsyncd's one tinylog writer: one line per message, filtered by {@link LogLevels}, written
 * either to stderr (foreground) or to a file that rotates by size and can be reopened on SIGHUP
 * after an external logrotate moved it away (tinylog's own file writers cannot reopen).
 *
 * <p>tinylog creates it by class name from these properties: {@code levels} ({@link LogLevels}
 * form), {@code file} (absent: stderr), {@code max-size} (bytes, 0 = never rotate) and
 * {@code backups} (rotated files kept: {@code FILE.1} newest).
 */
public final class DaemonLogWriter implements Writer {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    /** The writer tinylog made, so that the SIGHUP handler can reach it; tinylog makes one. */
    private static volatile DaemonLogWriter current;

    private final LogLevels levels;
    private final Path file;
    private final long maxSize;
    private final int backups;
    // guarded by this
    private OutputStream out;
    private long written;
    private boolean reopenRequested;

    /** Called by tinylog with the writer's properties. */
    public DaemonLogWriter(Map<String, String> properties) throws IOException {
        this.levels = LogLevels.parse(properties.getOrDefault("levels", "info"));
        String fileName = properties.get("file");
        this.file = fileName == null ? null : Path.of(fileName);
        this.maxSize = Long.parseLong(properties.getOrDefault("max-size", "0"));
        this.backups = Integer.parseInt(properties.getOrDefault("backups", "0"));
        this.out = open();
        current = this;
    }

    /** Asks the file writer, if any, to reopen its file before the next line (SIGHUP, logrotate). */
    public static void requestReopen() {
        DaemonLogWriter writer = current;
        if (writer != null) {
            writer.markReopen();
        }
    }

    private synchronized void markReopen() {
        reopenRequested = true;
    }

    private OutputStream open() throws IOException {
        if (file == null) {
            // stderr is System.err's descriptor; never closed by us
            return new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), false, StandardCharsets.UTF_8);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        written = Files.exists(file) ? Files.size(file) : 0;
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public Collection<LogEntryValue> getRequiredLogEntryValues() {
        return EnumSet.of(LogEntryValue.DATE, LogEntryValue.LEVEL, LogEntryValue.TAG, LogEntryValue.MESSAGE,
                LogEntryValue.EXCEPTION);
    }

    @Override
    public synchronized void write(LogEntry entry) throws IOException {
        if (!levels.passes(entry.getTag(), entry.getLevel())) {
            return;
        }
        if (reopenRequested && file != null) {
            reopenRequested = false;
            out.close();
            out = open();
        }
        byte[] line = format(entry).getBytes(StandardCharsets.UTF_8);
        if (file != null && maxSize > 0 && written > 0 && written + line.length > maxSize) {
            rotate();
        }
        out.write(line);
        out.flush();
        written += line.length;
    }

    String format(LogEntry entry) {
        StringBuilder line = new StringBuilder(128);
        line.append(TIME.format(entry.getTimestamp().toInstant())).append(' ')
                .append(String.format(Locale.ROOT, "%-5s", entry.getLevel().name()));
        if (entry.getTag() != null) {
            line.append(" [").append(entry.getTag()).append(']');
        }
        line.append(' ').append(entry.getMessage() == null ? "" : entry.getMessage());
        Throwable exception = entry.getException();
        if (exception != null) {
            boolean detailed = levels.passes(entry.getTag(), org.tinylog.Level.DEBUG);
            if (detailed) {
                java.io.StringWriter trace = new java.io.StringWriter();
                exception.printStackTrace(new java.io.PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            } else {
                // one line unless someone asked for detail: the log is read by people too
                line.append(": ").append(exception);
            }
        }
        return line.append('\n').toString();
    }

    /** FILE.(n-1) → FILE.n, ..., FILE → FILE.1, then a fresh FILE. */
    private void rotate() throws IOException {
        out.close();
        if (backups == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(backup(backups));
            for (int i = backups - 1; i >= 1; i--) {
                if (Files.exists(backup(i))) {
                    Files.move(backup(i), backup(i + 1));
                }
            }
            Files.move(file, backup(1));
        }
        out = open();
    }

    private Path backup(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            out.close();
        } else {
            out.flush();
        }
        if (current == this) {
            current = null;
        }
    }
}
