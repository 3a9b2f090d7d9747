package pirsyncd.daemon;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.tinylog.configuration.Configuration;
import pirsyncd.daemon.logging.DaemonLogWriter;
import pirsyncd.daemon.logging.LogLevels;

/**
 * Sets tinylog up once per process, before the first message: everything through
 * {@link DaemonLogWriter}, to stderr in the foreground or to a rotating file in the background.
 */
final class Logging {
    private Logging() {}

    /** Whether this process logs at all: client commands never configure (nor load) tinylog. */
    private static volatile boolean configured;

    static boolean isConfigured() {
        return configured;
    }

    /**
     * Where and what to log.
     *
     * @param levels the default level and per-tag levels
     * @param file the log file; empty for stderr
     * @param maxSizeBytes rotate the file beyond this size; 0 for never
     * @param backups rotated files to keep
     */
    record Settings(LogLevels levels, Optional<Path> file, long maxSizeBytes, int backups) {}

    /**
     * Configures tinylog. A second call in the same process (tests run several daemons in one
     * JVM) keeps the first configuration: tinylog freezes it at the first message.
     */
    static synchronized void configure(Settings settings) {
        configured = true;
        if (Configuration.isFrozen()) {
            return;
        }
        // the writer filters per tag itself; tinylog's global level only lets through what some tag may need
        Configuration.set("level", settings.levels().lowest().name().toLowerCase(Locale.ROOT));
        Configuration.set("writer", DaemonLogWriter.class.getName());
        Configuration.set("writer.levels", settings.levels().encode());
        settings.file().ifPresent(file -> Configuration.set("writer.file", file.toString()));
        Configuration.set("writer.max-size", Long.toString(settings.maxSizeBytes()));
        Configuration.set("writer.backups", Integer.toString(settings.backups()));
        // synchronous: a line is on disk (or stderr) before the call returns, so the last words
        // before a crash are not lost in a queue
        Configuration.set("writingthread", "false");
        // we close the writer ourselves after the final sync has been logged
        Configuration.set("autoshutdown", "false");
    }

    /** After the last message: flushes and closes the writer. */
    static void shutdown() {
        try {
            org.tinylog.provider.ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
