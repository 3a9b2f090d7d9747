package pirsyncd.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every error found in one load, so the user sees all of them at once rather than
 * fixing one per run; errors in the file come out in the file's order. Owned by one loader
 * call; not shared between threads.
 */
final class Problems {
    private record Problem(Origin origin, String line) {}

    private final List<Problem> problems = new ArrayList<>();

    void add(Origin origin, String field, String message) {
        String line = Origin.format(origin, field, message);
        if (problems.stream().noneMatch(p -> p.line().equals(line))) {
            problems.add(new Problem(origin, line));
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** File positions in order, then flags and missing settings in the order found. */
    List<String> lines() {
        return sorted().stream().map(ConfigException.Line::text).toList();
    }

    /** {@link #lines()} with whether each points into the file, for the exception. */
    List<ConfigException.Line> sorted() {
        return problems.stream()
                .sorted(Comparator.comparingLong(p -> rank(p.origin())))
                .map(p -> new ConfigException.Line(p.line(), p.origin() instanceof Origin.InFile))
                .toList();
    }

    private static long rank(Origin origin) {
        return switch (origin) {
            case Origin.InFile(String file, int line, int column) -> (long) line << 20 | column;
            case Origin.Flag flag -> Long.MAX_VALUE;
            case Origin.Nowhere nowhere -> Long.MAX_VALUE;
        };
    }
}
