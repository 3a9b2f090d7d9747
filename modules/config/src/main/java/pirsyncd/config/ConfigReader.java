package pirsyncd.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import pirsyncd.model.ExcludeRules;
import pirsyncd.rsync.Destination;

/**
 * Turns the merged tree (file plus flags) into a {@link PirsyncdConfig}, reporting every
 * problem it finds; returns empty when there was any.
 */
final class ConfigReader {
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);
    private static final long DEFAULT_LOG_SIZE = 10L * 1024 * 1024;

    private final Section top;
    private final ReadContext context;
    private final Optional<Path> file;
    private final Problems problems;

    private ConfigReader(Section top, ReadContext context, Optional<Path> file) {
        this.top = top;
        this.context = context;
        this.file = file;
        this.problems = top.problems();
    }

    static Optional<PirsyncdConfig> read(Section top, ReadContext context, Optional<Path> file) {
        return new ConfigReader(top, context, file).read();
    }

    private Optional<PirsyncdConfig> read() {
        top.rejectUnknownKeys(Keys.TOP);
        top.string(Keys.SCHEMA);
        String instance = instance();
        Optional<Path> source = source();
        ScheduleSettings schedule = schedule();
        ExcludeRules exclude = exclude();
        WatchSettings watch = watch();
        Duration shutdownTimeout = top.seconds("shutdownTimeout", 0, "120").orElse(Duration.ofSeconds(30));
        LogSettings log = log();
        DebugSettings debug = debug();
        List<Target> targets = TargetsReader.read(top, context, file.isPresent(), source, exclude, debug.commands());
        if (targets.isEmpty()) {
            // no target to read them for, but the top-level rsync options may still be wrong: say so now
            TransferReader.read(Section.empty("targets", problems), top, new Destination.Local(Path.of("/")), exclude,
                    debug.commands(), context);
        }
        if (!problems.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PirsyncdConfig(instance, file, source.get(), targets, schedule, exclude, watch, log, debug,
                shutdownTimeout));
    }

    private String instance() {
        Optional<String> given = top.string("instance");
        if (given.isPresent()) {
            if (!INSTANCE.matcher(given.get()).matches()) {
                top.error("instance", "\"" + given.get() + "\" cannot name an instance; use letters, digits, '.', '_' and '-' (at most 64), e.g. \"www\"");
            }
            return given.get();
        }
        if (file.isEmpty()) {
            return "default";
        }
        String name = String.valueOf(file.get().getFileName());
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        if (!INSTANCE.matcher(base).matches()) {
            top.error("instance", "the file name \"" + name + "\" cannot name an instance; set \"instance\": \"NAME\" (letters, digits, '.', '_', '-')");
        }
        return base;
    }

    private Optional<Path> source() {
        if (!top.has("source")) {
            top.error("source", file.isPresent()
                    ? "missing; add \"source\": \"/path/to/the/tree\" (the folder to mirror)"
                    : "missing; give --source DIR (the folder to mirror) or --config FILE");
            return Optional.empty();
        }
        return top.string("source").flatMap(written -> {
            try {
                Path path = context.resolve(top.originOf("source"), written);
                if (!Files.exists(path)) {
                    top.error("source", "\"" + written + "\" does not exist; create it or fix the path");
                    return Optional.empty();
                }
                if (!Files.isDirectory(path)) {
                    top.error("source", "\"" + written + "\" is not a directory; give the folder to mirror");
                    return Optional.empty();
                }
                return Optional.of(path.toRealPath());
            } catch (InvalidPathException e) {
                top.error("source", "\"" + written + "\" is not a valid path; " + e.getReason());
                return Optional.empty();
            } catch (IOException e) {
                top.error("source", "cannot resolve \"" + written + "\" (" + e.getMessage() + "); check its permissions");
                return Optional.empty();
            }
        });
    }

    private ScheduleSettings schedule() {
        Duration delay = top.seconds("delay", 0, "0.5").orElse(DEFAULT_DELAY);
        Duration maxDelay = top.seconds("maxDelay", 0, "30").orElse(delay.multipliedBy(10));
        if (maxDelay.compareTo(delay) < 0) {
            top.error("maxDelay", Describer.seconds(maxDelay) + " is less than delay (" + Describer.seconds(delay)
                    + "); make it at least the delay");
        }
        long everyEvents = top.integer("everyEvents", 0, Integer.MAX_VALUE, "1000").orElse(0L);
        boolean initialSync = top.bool("initialSync").orElse(true);
        Section retry = top.section("retry").orElse(Section.empty("retry", problems));
        retry.rejectUnknownKeys(Keys.RETRY);
        Duration initial = retry.seconds("initial", 0.001, "2").orElse(Duration.ofSeconds(1));
        Duration max = retry.seconds("max", 0.001, "300").orElse(Duration.ofSeconds(60).compareTo(initial) < 0 ? initial : Duration.ofSeconds(60));
        if (max.compareTo(initial) < 0) {
            retry.error("max", Describer.seconds(max) + " is less than retry.initial (" + Describer.seconds(initial)
                    + "); make it at least retry.initial");
        }
        long maxPending = top.integer("maxPending", 1, Integer.MAX_VALUE, "50000").orElse(100_000L);
        return new ScheduleSettings(delay, maxDelay, everyEvents, initialSync, initial, max, maxPending);
    }

    private WatchSettings watch() {
        Section watch = top.section("watch").orElse(Section.empty("watch", problems));
        watch.rejectUnknownKeys(Keys.WATCH);
        Duration rescan = watch.seconds("unwatchedRescanInterval", 0.1, "60")
                .orElse(WatchSettings.DEFAULT_UNWATCHED_RESCAN_INTERVAL);
        Duration rootRetry = watch.seconds("rootRetryInterval", 0.1, "10").orElse(WatchSettings.DEFAULT_ROOT_RETRY_INTERVAL);
        long maxWatches = watch.integer("maxWatches", 0, Integer.MAX_VALUE, "100000").orElse(0L);
        return new WatchSettings(rescan, rootRetry, (int) maxWatches);
    }

    /** The launcher and the watcher share the model's parser, so a pattern means the same to both. */
    private ExcludeRules exclude() {
        Optional<List<String>> patterns = top.strings("exclude", "[\"*.tmp\"]");
        if (patterns.isEmpty()) {
            return ExcludeRules.NONE;
        }
        boolean ok = true;
        for (int i = 0; i < patterns.get().size(); i++) {
            try {
                ExcludeRules.of(patterns.get().get(i));
            } catch (IllegalArgumentException e) {
                problems.add(top.itemOrigin("exclude", i), FieldPath.index("exclude", i), e.getMessage());
                ok = false;
            }
        }
        return ok ? ExcludeRules.of(patterns.get()) : ExcludeRules.NONE;
    }

    private LogSettings log() {
        Section log = top.section("log").orElse(Section.empty("log", problems));
        log.rejectUnknownKeys(Keys.LOG);
        Optional<Path> logFile = TransferReader.writableFile(log, "file", context);
        LogLevel level = level(log, "level").orElse(LogLevel.INFO);
        Map<String, LogLevel> levels = new LinkedHashMap<>();
        log.section("levels").ifPresent(tags -> {
            tags.rejectUnknownKeys(Keys.LOG_LEVELS);
            for (String tag : Keys.LOG_LEVELS) {
                level(tags, tag).ifPresent(l -> levels.put(tag, l));
            }
        });
        long maxSize = SizeSyntax.read(log, "maxSize", 1, false, "50M")
                .map(s -> SizeSyntax.bytes(s, 1, false).getAsLong()).orElse(DEFAULT_LOG_SIZE);
        if (maxSize < 1024 && log.has("maxSize")) {
            log.error("maxSize", "a log smaller than 1K would rotate constantly; write e.g. \"10M\"");
        }
        int backups = log.integer("backups", 0, 1000, "3").orElse(5L).intValue();
        return new LogSettings(logFile, level, levels, maxSize, backups);
    }

    private static Optional<LogLevel> level(Section section, String key) {
        return section.string(key).flatMap(text -> {
            Optional<LogLevel> level = LogLevel.parse(text);
            if (level.isEmpty()) {
                section.error(key, "\"" + text + "\" is not a log level; write trace, debug, info, warn, error or off");
            }
            return level;
        });
    }

    private DebugSettings debug() {
        Section debug = top.section("debug").orElse(Section.empty("debug", problems));
        debug.rejectUnknownKeys(Keys.DEBUG);
        return new DebugSettings(debug.bool("events").orElse(false), debug.bool("commands").orElse(false));
    }
}
