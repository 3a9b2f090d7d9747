package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import pirsyncd.model.RelativePath;

/**
 * The filter list that confines a recursive {@code -a --delete} run from the root to a few places,
 * for an rsync older than 3.1 that has no {@code --delete-missing-args}: include the directories
 * leading to each place, include the place (with {@code ***}, everything below it, for a tree),
 * exclude everything else in those directories. Excluded names are also protected from
 * {@code --delete}, so only the named places can be deleted (rsync(1), FILTER RULES).
 */
final class FilterRules {
    private FilterRules() {}

    /**
     * NUL-separated rules for {@code --exclude-from=- --from0}: {@code single} places are sent on
     * their own (a directory without its content), {@code recursive} ones with everything below.
     */
    static byte[] confineTo(Collection<RelativePath> single, Collection<RelativePath> recursive) {
        SortedSet<RelativePath> ancestors = new TreeSet<>();
        for (Collection<RelativePath> places : java.util.List.of(single, recursive)) {
            for (RelativePath place : places) {
                for (RelativePath p = place.parent(); !p.isRoot(); p = p.parent()) {
                    ancestors.add(p);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RelativePath ancestor : ancestors) {
            rule(out, "+ /", ancestor, false, "/");
        }
        for (RelativePath place : recursive) {
            if (!place.isRoot()) {
                // "P/***" matches P only as a directory (rsync(1)); "P" covers a file
                rule(out, "+ /", place, false, "");
                rule(out, "+ /", place, true, "/***");
            }
        }
        for (RelativePath place : single) {
            if (!place.isRoot()) {
                rule(out, "+ /", place, false, "");
            }
        }
        for (RelativePath place : single) {
            if (!place.isRoot()) {
                rule(out, "- /", place, true, "/*");
            }
        }
        for (RelativePath ancestor : ancestors) {
            rule(out, "- /", ancestor, true, "/*");
        }
        if (recursive.stream().noneMatch(RelativePath::isRoot)) {
            out.writeBytes("- /*".getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void rule(ByteArrayOutputStream out, String prefix, RelativePath path, boolean wildcard,
            String suffix) {
        out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(escape(path.toBytes(), wildcard || suffix.contains("*")));
        out.writeBytes(suffix.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }

    /**
     * A backslash escapes a wildcard only in a pattern that has a wildcard (rsync(1), "PATTERN
     * MATCHING RULES"); so a name is escaped when the pattern it lands in has one, and left alone
     * otherwise, unless the name itself holds one of {@code *?[}.
     */
    static byte[] escape(byte[] name, boolean patternHasWildcard) {
        boolean wild = patternHasWildcard;
        for (byte b : name) {
            wild |= b == '*' || b == '?' || b == '[';
        }
        if (!wild) {
            return name;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length + 4);
        for (byte b : name) {
            if (b == '*' || b == '?' || b == '[' || b == '\\') {
                out.write('\\');
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
