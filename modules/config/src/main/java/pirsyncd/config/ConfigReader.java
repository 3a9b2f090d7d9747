package pirsyncd.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import pirsyncd.model.ExcludeRules;
import pirsyncd.rsync.Destination;
import pirsyncd.rsync.TransferOptions;

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
        Duration shutdownTimeout = top.seconds("shutdownTimeout", 0, "120").orElse(Duration.ofSeconds(30));
        LogSettings log = log();
        DebugSettings debug = debug();
        List<Target> targets = targets(source, exclude, debug.commands());
        if (!problems.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PirsyncdConfig(instance, file, source.get(), targets, schedule, exclude, log, debug, shutdownTimeout));
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

    private List<Target> targets(Optional<Path> source, ExcludeRules exclude, boolean debugCommands) {
        Optional<Node> node = top.raw("targets");
        if (node.isEmpty()) {
            top.error("targets", file.isPresent()
                    ? "missing; add \"targets\": [{\"destination\": \"/backup/www\"}]"
                    : "missing; give --destination DEST or --config FILE");
            return List.of();
        }
        if (!(node.get() instanceof Node.Arr(List<Node> items, Origin at))) {
            top.error("targets", "expected a list of targets such as [{\"destination\": \"/backup/www\"}], found " + Node.describe(node.get()));
            return List.of();
        }
        if (items.isEmpty()) {
            top.error("targets", "is empty; add at least one {\"destination\": \"...\"}");
            return List.of();
        }
        List<Target> targets = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> destinations = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = FieldPath.index("targets", i);
            if (!(items.get(i) instanceof Node.Obj obj)) {
                problems.add(items.get(i).origin(), path, "expected a target object such as {\"destination\": \"/backup/www\"}, found "
                        + Node.describe(items.get(i)));
                continue;
            }
            Section target = new Section(obj, path, problems);
            target.rejectUnknownKeys(Keys.TARGET);
            target(target, source, exclude, debugCommands).ifPresent(t -> {
                // an unnamed target is named by its destination; a clash there is reported as such
                String earlierName = names.putIfAbsent(t.name(), path);
                if (earlierName != null && target.has("name")) {
                    target.error("name", "\"" + t.name() + "\" is also the name of " + earlierName
                            + "; give each target its own name");
                }
                String earlierDestination = destinations.putIfAbsent(sameness(t.destination()), path);
                if (earlierDestination != null) {
                    target.error("destination", "\"" + t.destination().display() + "\" is also the destination of " + earlierDestination
                            + "; remove one of them");
                }
                targets.add(t);
            });
        }
        return targets;
    }

    /** Two spellings of one destination compare equal: local ones are already resolved; "x/" is "x". */
    private static String sameness(Destination destination) {
        String display = destination.display();
        int end = display.length();
        while (end > 1 && display.charAt(end - 1) == '/') {
            end--;
        }
        return display.substring(0, end);
    }

    private Optional<Target> target(Section target, Optional<Path> source, ExcludeRules exclude, boolean debugCommands) {
        boolean misspelt = target.keys().stream().anyMatch(k -> !Keys.TARGET.contains(k)
                && KeySuggestions.nearest(k, Keys.TARGET).equals(Optional.of("destination")));
        if (!target.has("destination") && misspelt) {
            return Optional.empty(); // the unknown-key error already says "did you mean destination"
        }
        if (!target.has("destination")) {
            target.error("destination", "missing; add \"destination\": \"/backup/www\" (a folder, host:/path or host::module)");
            return Optional.empty();
        }
        Optional<String> written = target.string("destination");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Optional<Destination> parsed = parseDestination(target, written.get(), source);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String name = target.string("name").orElse(written.get());
        TransferOptions options = TransferReader.read(target, top, parsed.get(), exclude, debugCommands, context);
        return Optional.of(new Target(name, parsed.get(), options));
    }

    /** The launcher's parser, then for a local folder: absolute, symlinks resolved, away from the source. */
    private Optional<Destination> parseDestination(Section target, String written, Optional<Path> source) {
        Destination destination;
        try {
            destination = Destination.parse(written);
        } catch (IllegalArgumentException e) {
            String prefix = "destination '" + written + "': ";
            String message = e.getMessage() == null ? "is not a destination" : e.getMessage();
            target.error("destination", "\"" + written + "\": " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message));
            return Optional.empty();
        }
        return switch (destination) {
            case Destination.Ssh ssh -> Optional.of(ssh);
            case Destination.RsyncDaemon daemon -> Optional.of(daemon);
            case Destination.Local local -> {
                if (written.startsWith("~")) {
                    target.error("destination", "\"" + written + "\": no shell runs, so ~ is not expanded; write the full path");
                    yield Optional.empty();
                }
                Path base = switch (target.originOf("destination")) {
                    case Origin.InFile f -> context.configDir();
                    case Origin.Flag f -> context.workingDir();
                    case Origin.Nowhere n -> context.workingDir();
                };
                Path resolved = Destinations.resolveLocal(base, written);
                Optional<String> overlap = source.flatMap(s -> Destinations.overlapProblem(written, base, resolved, s));
                overlap.ifPresent(p -> target.error("destination", p));
                yield overlap.isPresent() ? Optional.empty() : Optional.of(new Destination.Local(resolved));
            }
        };
    }
}
