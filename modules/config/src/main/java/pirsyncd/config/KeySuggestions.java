package pirsyncd.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The message for an unknown key: the nearest known key by edit distance, or where the key belongs. */
final class KeySuggestions {
    private KeySuggestions() {}

    static String unknownKey(String key, Set<String> known, String sectionPath) {
        Optional<String> near = nearest(key, known);
        if (near.isPresent()) {
            return "unknown key; did you mean \"" + near.get() + "\"?";
        }
        Optional<ConfigExample> elsewhere = ConfigExamples.all().stream()
                .filter(e -> e.key().endsWith("." + key) || e.key().equals(key))
                .findFirst();
        boolean topLevelOnly = elsewhere.isPresent() && elsewhere.get().key().equals(key) && !elsewhere.get().perTarget();
        if (topLevelOnly && !sectionPath.isEmpty()) {
            return "\"" + key + "\" can only be set at the top level of the file, not in " + sectionPath + "; move it there";
        }
        if (elsewhere.isPresent()) {
            String where = elsewhere.get().key().replace("targets[].", "a target's ");
            return "unknown key here; \"" + key + "\" belongs in " + where + ", e.g. " + elsewhere.get().json();
        }
        return "unknown key; remove it (every setting is listed by `pirsyncd examples` and in docs/config.md)";
    }

    /** The known key closest to {@code key}, if it is close enough to be a typo. */
    static Optional<String> nearest(String key, Set<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, key.length() / 3);
        return known.stream()
                .filter(candidate -> !candidate.equals(Keys.SCHEMA))
                .filter(candidate -> distance(lower, candidate.toLowerCase(Locale.ROOT)) <= allowed)
                .min(Comparator.<String>comparingInt(c -> distance(lower, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions, the commonest typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
