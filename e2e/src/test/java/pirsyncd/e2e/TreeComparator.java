package pirsyncd.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proves a replica equals its source, byte for byte, with two independent oracles that both read names
 * as raw bytes (so non-UTF-8 names are compared, not skipped):
 *
 * <ol>
 *   <li>rsync itself: {@code rsync -a -n -i --delete -c src/ dst/} must itemize nothing. A dry run with
 *       checksums compares names, types, content, permissions, mtimes and symlink targets, and would
 *       delete anything extra. Simple, and the same tool a sceptical admin would reach for.
 *   <li>our own listing ({@code tree_manifest.py}): kind, mode, mtime in nanoseconds, size, SHA-256 of the
 *       content, symlink target, and hard-link groups, compared entry by entry. Times are compared as
 *       precisely as rsync keeps them: nanoseconds for regular files, whole seconds for symlinks and
 *       directories. It catches what the
 *       first oracle might share with the product (both are rsync) and names each difference.
 * </ol>
 *
 * <p>Directory mtimes and hard links are {@link Check}s a caller opts into (the scenarios always ask for
 * directory mtimes, see {@code Mirror}; hard links only with {@code -H}); everything else is always
 * compared.
 */
final class TreeComparator {
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration BOUND = Duration.ofMinutes(5);

    /** Properties compared only when a scenario asks for them. */
    enum Check {
        /** Directories' mtimes (rsync -t sets them, but only for the directories a run touched). */
        DIRECTORY_MTIMES,
        /** Files hard-linked in the source are hard-linked alike in the replica (rsync -H). */
        HARD_LINKS
    }

    private TreeComparator() {}

    static void assertSame(Path source, Path replica, Set<Check> checks) {
        List<String> problems = differences(source, replica, checks);
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 40);
            throw new AssertionError("replica " + replica + " differs from source " + source + " ("
                    + problems.size() + " differences, first " + shown + "):\n  "
                    + String.join("\n  ", problems.subList(0, shown)));
        }
    }

    static void assertSame(Path source, Path replica) {
        assertSame(source, replica, EnumSet.noneOf(Check.class));
    }

    static List<String> differences(Path source, Path replica, Set<Check> checks) {
        List<String> problems = new ArrayList<>();
        problems.addAll(rsyncItemized(source, replica, checks));
        problems.addAll(manifestDifferences(source, replica, checks));
        return problems;
    }

    private static List<String> rsyncItemized(Path source, Path replica, Set<Check> checks) {
        List<String> command = new ArrayList<>(List.of("rsync", "-a", "-n", "-i", "--delete", "-c"));
        if (checks.contains(Check.HARD_LINKS)) {
            command.add("-H");
        }
        if (!checks.contains(Check.DIRECTORY_MTIMES)) {
            command.add("--omit-dir-times");
        }
        command.add(source + "/");
        command.add(replica + "/");
        ExecResult result = Exec.run(BOUND, command).requireSuccess();
        return new String(result.stdoutBytes(), StandardCharsets.ISO_8859_1).lines()
                .filter(line -> !line.isBlank())
                .map(line -> "rsync itemizes: " + line)
                .toList();
    }

    private static List<String> manifestDifferences(Path source, Path replica, Set<Check> checks) {
        Map<String, Entry> left = manifest(source, checks);
        Map<String, Entry> right = manifest(replica, checks);
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        for (String name : names) {
            Entry a = left.get(name);
            Entry b = right.get(name);
            if (b == null) {
                problems.add("missing in replica: " + a);
            } else if (a == null) {
                problems.add("extra in replica: " + b);
            } else if (!a.equals(b)) {
                problems.add("differs: source " + a + " / replica " + b);
            }
        }
        return problems;
    }

    /** One listed entry with the fields this comparison looks at (others blanked to "-"). */
    private record Entry(String path, String kind, String mode, String mtime, String size, String content,
            String link) {
        @Override
        public String toString() {
            return printable(path) + " [" + kind + " mode " + mode + " mtime " + mtime + " size " + size
                    + (link.equals("-") ? "" : " linked to " + printable(link)) + "]";
        }
    }

    private static Map<String, Entry> manifest(Path root, Set<Check> checks) {
        ExecResult listed = PythonScript.TREE_MANIFEST.run(BOUND, new byte[0], root.toString());
        Map<String, Entry> entries = new TreeMap<>();
        for (String line : listed.out().lines().toList()) {
            String[] f = line.split(" ", -1);
            String mtime = switch (f[1]) {
                case "f" -> f[3];
                // rsync keeps nanoseconds for regular files only; a symlink's or directory's time it sets
                // only when the whole seconds differ (rsync.c set_file_attrs), so seconds are its promise
                case "l" -> wholeSeconds(f[3]);
                case "d" -> checks.contains(Check.DIRECTORY_MTIMES) ? wholeSeconds(f[3]) : "-";
                default -> "-";
            };
            String link = checks.contains(Check.HARD_LINKS) ? f[6] : "-";
            entries.put(f[0], new Entry(f[0], f[1], f[2], mtime, f[4], f[5], link));
        }
        return entries;
    }

    private static String wholeSeconds(String nanos) {
        return Long.toString(Long.parseLong(nanos) / 1_000_000_000L) + "s";
    }

    /** A hex name as a person reads it: printable ASCII kept, every other byte as \xNN. */
    static String printable(String hexName) {
        if (hexName.equals(".") || hexName.equals("-")) {
            return hexName;
        }
        StringBuilder text = new StringBuilder();
        for (byte b : HEX.parseHex(hexName)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                text.append((char) c);
            } else {
                text.append(String.format("\\x%02x", c));
            }
        }
        return text.toString();
    }
}
