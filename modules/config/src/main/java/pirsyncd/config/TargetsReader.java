package pirsyncd.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pirsyncd.model.ExcludeRules;
import pirsyncd.rsync.Destination;
import pirsyncd.rsync.TransferOptions;

/**
 * Reads {@code targets}: each destination through the launcher's parser, local ones kept away
 * from the source, names and destinations unique, and each target's rsync options.
 */
final class TargetsReader {
    private final Section top;
    private final ReadContext context;
    private final boolean fromFile;
    private final Problems problems;

    private TargetsReader(Section top, ReadContext context, boolean fromFile) {
        this.top = top;
        this.context = context;
        this.fromFile = fromFile;
        this.problems = top.problems();
    }

    static List<Target> read(Section top, ReadContext context, boolean fromFile, Optional<Path> source,
            ExcludeRules exclude, boolean debugCommands) {
        return new TargetsReader(top, context, fromFile).targets(source, exclude, debugCommands);
    }

    private List<Target> targets(Optional<Path> source, ExcludeRules exclude, boolean debugCommands) {
        Optional<Node> node = top.raw("targets");
        if (node.isEmpty()) {
            top.error("targets", fromFile
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
