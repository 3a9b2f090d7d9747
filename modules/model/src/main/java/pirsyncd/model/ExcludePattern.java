package pirsyncd.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One exclude pattern, parsed the way rsync parses an {@code --exclude} rule
 * ({@code exclude.c: parse_rule_tok/add_rule}) and matched the way rsync matches it
 * ({@code rule_matches}), on raw bytes.
 *
 * <p>The rsync rules, in the order they apply: a trailing {@code /} makes the pattern match
 * directories only and is then dropped; a leading {@code /} anchors it at the source root; a
 * pattern with no {@code /} and no {@code **} is matched against the last path segment only; an
 * unanchored pattern with inner slashes but no {@code **} is matched against as many trailing
 * segments as it has; an unanchored pattern with {@code **} (not at its very start) is tried at
 * the start of the path and after every slash; a pattern starting with {@code **} is matched
 * against the whole path with a {@code /} in front (so {@code **}{@code /foo} also matches
 * {@code foo} at the root); everything else is matched against the whole path. A pattern with none of {@code *?[} is compared literally (backslash included, as rsync
 * does). A trailing {@code ***} also matches the directory itself.
 */
final class ExcludePattern {
    private final String source;
    private final byte[] glob;
    private final boolean anchored;
    private final boolean directoryOnly;
    private final boolean wild;
    private final boolean doubleStar;
    private final boolean doubleStarPrefix;
    private final boolean tripleStarSuffix;
    private final int slashCount;

    private ExcludePattern(String source, byte[] pattern, boolean directoryOnly) {
        this.source = source;
        this.directoryOnly = directoryOnly;
        this.anchored = pattern[0] == '/';
        int slashes = 0;
        for (byte b : pattern) {
            if (b == '/') {
                slashes++;
            }
        }
        this.slashCount = slashes;
        String text = new String(pattern, StandardCharsets.ISO_8859_1);
        this.wild = text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
        this.doubleStar = wild && text.contains("**");
        this.doubleStarPrefix = doubleStar && text.startsWith("**");
        this.tripleStarSuffix = doubleStar && text.endsWith("***");
        this.glob = anchored ? Arrays.copyOfRange(pattern, 1, pattern.length) : pattern;
    }

    /**
     * Parses one pattern as given to {@code --exclude}.
     *
     * @throws IllegalArgumentException with a one-line message naming the pattern and the fix
     */
    static ExcludePattern parse(String source) {
        if (source.isEmpty()) {
            throw refused(source, "it is empty; remove it");
        }
        if (source.indexOf('\0') >= 0) {
            throw refused(source, "it contains a NUL byte, which no file name can; remove it");
        }
        // rsync's --exclude still reads the old "- "/"+ " prefixes and a lone "!" (clear the list),
        // so such a pattern would mean something else to rsync than to the watcher
        if (source.equals("!") || source.startsWith("- ") || source.startsWith("+ ")) {
            throw refused(source, "rsync would read \"" + source.substring(0, 1)
                    + "\" as a rule prefix, not as part of a name; write it as \\" + source);
        }
        if (source.equals("/")) {
            throw refused(source, "it would exclude the source root itself; remove it");
        }
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        boolean directoryOnly = bytes.length > 1 && bytes[bytes.length - 1] == '/';
        byte[] pattern = directoryOnly ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
        checkClasses(source, pattern);
        return new ExcludePattern(source, pattern, directoryOnly);
    }

    private static void checkClasses(String source, byte[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] == '\\') {
                i++;
            } else if (pattern[i] == '[') {
                int end = classEnd(pattern, i);
                if (end < 0) {
                    throw refused(source, "the '[' at position " + (i + 1)
                            + " opens a character class that is never closed; close it with ']' or write \\[");
                }
                i = end;
            }
        }
    }

    private static int classEnd(byte[] p, int open) {
        int i = open + 1;
        if (i < p.length && (p[i] == '!' || p[i] == '^')) {
            i++;
        }
        for (boolean first = true; i < p.length; i++, first = false) {
            if (p[i] == ']' && !first) {
                return i;
            }
            if (p[i] == '\\') {
                i++;
            } else if (p[i] == '[' && i + 1 < p.length && p[i + 1] == ':') {
                int close = new String(p, StandardCharsets.ISO_8859_1).indexOf(":]", i + 2);
                if (close >= 0) {
                    i = close + 1;
                }
            }
        }
        return -1;
    }

    private static IllegalArgumentException refused(String source, String why) {
        return new IllegalArgumentException("exclude pattern \"" + source + "\": " + why);
    }

    /** The pattern exactly as written, for rsync's {@code --exclude=}. */
    String source() {
        return source;
    }

    /** True if this pattern, on its own, excludes this entry (its ancestors are not looked at). */
    boolean matches(byte[] path, boolean directory) {
        if (path.length == 0 || (directoryOnly && !directory)) {
            return false;
        }
        byte[] name = slashCount == 0 && !doubleStar ? lastSegment(path) : path;
        if (!wild) {
            return literalMatch(name);
        }
        if (directory && tripleStarSuffix) {
            // rsync matches a directory against "name" + "/" here, so that "dir/***" matches dir itself
            byte[] withSlash = Arrays.copyOf(name, name.length + 1);
            withSlash[name.length] = '/';
            return wildMatch(withSlash);
        }
        return wildMatch(name);
    }

    private boolean wildMatch(byte[] name) {
        if (!anchored && slashCount > 0 && !doubleStar) {
            byte[] tail = trailingSegments(name, slashCount + 1);
            return tail != null && Wildmatch.matches(glob, tail);
        }
        if (!anchored && doubleStar && !doubleStarPrefix) {
            return Wildmatch.matchesAfterAnySlash(glob, name);
        }
        if (doubleStarPrefix) {
            // rsync matches a leading "**" against "/" + path, so "**/foo" also matches foo at the
            // root (rsync NEWS 2.6.4: "**/foo now matches at the base of the transfer")
            byte[] rooted = new byte[name.length + 1];
            rooted[0] = '/';
            System.arraycopy(name, 0, rooted, 1, name.length);
            return Wildmatch.matches(glob, rooted);
        }
        return Wildmatch.matches(glob, name);
    }

    private boolean literalMatch(byte[] name) {
        if (anchored) {
            return Arrays.equals(name, glob);
        }
        int start = name.length - glob.length;
        return start >= 0
                && Arrays.equals(name, start, name.length, glob, 0, glob.length)
                && (start == 0 || name[start - 1] == '/');
    }

    /** The last {@code count} segments, or null when the path has fewer. */
    private static byte[] trailingSegments(byte[] path, int count) {
        int remaining = count;
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/' && --remaining == 0) {
                return Arrays.copyOfRange(path, i + 1, path.length);
            }
        }
        return remaining == 1 ? path : null;
    }

    private static byte[] lastSegment(byte[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                return Arrays.copyOfRange(path, i + 1, path.length);
            }
        }
        return path;
    }

    @Override
    public String toString() {
        return source;
    }
}
