package pirsyncd.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The exclude patterns of one source, in rsync's own syntax, applied identically by the watch tree
 * (which neither watches nor reports what they exclude) and by rsync (which is handed the very
 * same patterns through {@link #rsyncFilterArguments()}).
 *
 * <p>Syntax, as in rsync's {@code --exclude}: {@code *} matches within one segment, {@code **}
 * across segments, {@code ?} one byte other than {@code /}, {@code [...]} a class; a leading
 * {@code /} anchors at the source root ({@code /cache/}); a trailing {@code /} restricts to
 * directories; a pattern without a {@code /} matches the last segment at any depth
 * ({@code *.tmp}); an unanchored pattern with an inner {@code /} matches that many trailing
 * segments ({@code build/out} also excludes {@code a/build/out}). See {@code testdata/exclude-cases.tsv}
 * for the cases that are checked against the real rsync binary.
 *
 * <p>Like rsync, an excluded directory takes everything below it along: rsync never descends into
 * it, so {@link #excludes(RelativePath, EntryKind)} also answers true for anything inside one.
 * Instances are immutable and thread-safe.
 */
public final class ExcludeRules {
    /** No exclusions. */
    public static final ExcludeRules NONE = new ExcludeRules(List.of());

    private final List<ExcludePattern> patterns;

    private ExcludeRules(List<ExcludePattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Parses the patterns in order.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad pattern and the fix
     *     (an empty pattern, an unclosed {@code [}, or one rsync would read as a rule prefix such
     *     as {@code "- x"})
     */
    public static ExcludeRules of(List<String> patterns) {
        List<ExcludePattern> parsed = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            parsed.add(ExcludePattern.parse(Objects.requireNonNull(pattern)));
        }
        return parsed.isEmpty() ? NONE : new ExcludeRules(parsed);
    }

    /** {@link #of(List)} for a few patterns. */
    public static ExcludeRules of(String... patterns) {
        return of(List.of(patterns));
    }

    /** The patterns as written, in order. */
    public List<String> patterns() {
        return patterns.stream().map(ExcludePattern::source).toList();
    }

    /** True when nothing is excluded. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * True if rsync would leave this entry out: it, or one of the directories above it, matches
     * a pattern. The root is never excluded.
     */
    public boolean excludes(RelativePath path, EntryKind kind) {
        if (patterns.isEmpty() || path.isRoot()) {
            return false;
        }
        byte[] bytes = path.toBytes();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '/' && matchesAny(java.util.Arrays.copyOf(bytes, i), true)) {
                return true;
            }
        }
        return matchesAny(bytes, kind == EntryKind.DIRECTORY);
    }

    /**
     * True if this entry itself matches a pattern, its ancestors being known not to: the one
     * check a walk that never descends into excluded directories needs per entry.
     */
    public boolean excludesEntry(RelativePath path, EntryKind kind) {
        return !patterns.isEmpty() && !path.isRoot() && matchesAny(path.toBytes(), kind == EntryKind.DIRECTORY);
    }

    private boolean matchesAny(byte[] path, boolean directory) {
        for (ExcludePattern pattern : patterns) {
            if (pattern.matches(path, directory)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same rules for rsync's argument vector, one {@code --exclude=PATTERN} per pattern in
     * order. They match paths relative to the transfer root, so rsync must be given the source
     * as {@code SRC/} (trailing slash) or through {@code --files-from} relative to it. No shell is
     * involved, so no quoting is needed or wanted.
     */
    public List<String> rsyncFilterArguments() {
        return patterns.stream().map(pattern -> "--exclude=" + pattern.source()).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExcludeRules other && patterns().equals(other.patterns());
    }

    @Override
    public int hashCode() {
        return patterns().hashCode();
    }

    @Override
    public String toString() {
        return "ExcludeRules" + patterns();
    }
}
