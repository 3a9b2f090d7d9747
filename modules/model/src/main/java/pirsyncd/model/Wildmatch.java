package pirsyncd.model;

import java.nio.charset.StandardCharsets;

/**
 * rsync's glob matcher ({@code lib/wildmatch.c}) on raw bytes, so that the watch tree excludes
 * exactly what rsync excludes: {@code *} and {@code ?} never match {@code '/'}, {@code **}
 * matches anything including {@code '/'}, {@code [...]} classes (negated with {@code !} or
 * {@code ^}, ranges, {@code [:alpha:]}-style names) never match {@code '/'}, and a backslash
 * makes the next byte literal.
 *
 * <p>The three-valued result is what makes the backtracking cheap, as in rsync: a {@code *} that
 * reaches a {@code '/'} cannot help by eating further, so it aborts up to the nearest {@code **}.
 */
final class Wildmatch {
    private static final int NO_MATCH = 0;
    private static final int MATCH = 1;
    private static final int ABORT_ALL = -1;
    private static final int ABORT_TO_STARSTAR = -2;

    private Wildmatch() {}

    /** True if {@code pattern} matches all of {@code text}. */
    static boolean matches(byte[] pattern, byte[] text) {
        return match(pattern, 0, text, 0) == MATCH;
    }

    /**
     * True if {@code pattern} matches {@code text} from its start or from just after any
     * {@code '/'} (rsync's unanchored {@code **} patterns, "where &lt; 0" in wildmatch_array).
     */
    static boolean matchesAfterAnySlash(byte[] pattern, byte[] text) {
        int result = match(pattern, 0, text, 0);
        if (result == MATCH) {
            return true;
        }
        if (result == ABORT_ALL) {
            return false;
        }
        for (int t = 0; t < text.length; t++) {
            if (text[t] == '/') {
                result = match(pattern, 0, text, t + 1);
                if (result == MATCH) {
                    return true;
                }
                if (result == ABORT_ALL) {
                    return false;
                }
            }
        }
        return false;
    }

    private static int match(byte[] p, int pi, byte[] text, int ti) {
        for (; pi < p.length; pi++, ti++) {
            byte pc = p[pi];
            if (ti >= text.length && pc != '*') {
                return ABORT_ALL;
            }
            switch (pc) {
                case '\\' -> {
                    // a trailing backslash matches itself, as in wildmatch.c
                    if (pi + 1 < p.length) {
                        pi++;
                    }
                    if (text[ti] != p[pi]) {
                        return NO_MATCH;
                    }
                }
                case '?' -> {
                    if (text[ti] == '/') {
                        return NO_MATCH;
                    }
                }
                case '*' -> {
                    return star(p, pi, text, ti);
                }
                case '[' -> {
                    int end = classEnd(p, pi);
                    if (end < 0) {
                        return ABORT_ALL;
                    }
                    if (text[ti] == '/' || !classMatches(p, pi + 1, end, text[ti])) {
                        return NO_MATCH;
                    }
                    pi = end;
                }
                default -> {
                    if (text[ti] != pc) {
                        return NO_MATCH;
                    }
                }
            }
        }
        return ti == text.length ? MATCH : NO_MATCH;
    }

    private static int star(byte[] p, int pi, byte[] text, int ti) {
        boolean doubleStar = pi + 1 < p.length && p[pi + 1] == '*';
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        if (pi == p.length) {
            // a trailing ** matches everything; a trailing * only what has no more slashes
            if (!doubleStar) {
                for (int t = ti; t < text.length; t++) {
                    if (text[t] == '/') {
                        return NO_MATCH;
                    }
                }
            }
            return MATCH;
        }
        for (; ti <= text.length; ti++) {
            if (ti == text.length) {
                return ABORT_ALL;
            }
            int result = match(p, pi, text, ti);
            if (result != NO_MATCH) {
                if (!doubleStar || result != ABORT_TO_STARSTAR) {
                    return result;
                }
            } else if (!doubleStar && text[ti] == '/') {
                return ABORT_TO_STARSTAR;
            }
        }
        return ABORT_ALL;
    }

    /** The index of the {@code ']'} closing the class opened at {@code open}, or -1 if unclosed. */
    private static int classEnd(byte[] p, int open) {
        int i = open + 1;
        if (i < p.length && (p[i] == '!' || p[i] == '^')) {
            i++;
        }
        // the first byte of the set is taken literally, even ']'
        boolean first = true;
        while (i < p.length) {
            byte c = p[i];
            if (c == ']' && !first) {
                return i;
            }
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < p.length && p[i + 1] == ':') {
                int close = namedClassClose(p, i + 2);
                if (close >= 0) {
                    i = close + 1;
                }
            }
            first = false;
            i++;
        }
        return -1;
    }

    /** The index of ':' in ":]" closing a named class that starts at {@code from}, or -1. */
    private static int namedClassClose(byte[] p, int from) {
        for (int i = from; i + 1 < p.length; i++) {
            if (p[i] == ':' && p[i + 1] == ']') {
                return i;
            }
            if (p[i] == ']') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean classMatches(byte[] p, int from, int end, byte t) {
        int i = from;
        boolean negated = p[i] == '!' || p[i] == '^';
        if (negated) {
            i++;
        }
        int tc = t & 0xff;
        boolean matched = false;
        int previous = -1;
        while (i < end) {
            int c = p[i] & 0xff;
            if (c == '\\' && i + 1 < end) {
                i++;
                c = p[i] & 0xff;
                matched |= tc == c;
                previous = c;
            } else if (c == '-' && previous >= 0 && i + 1 < end) {
                i++;
                int high = p[i] & 0xff;
                if (high == '\\' && i + 1 < end) {
                    i++;
                    high = p[i] & 0xff;
                }
                matched |= tc >= previous && tc <= high;
                previous = -1;
            } else if (c == '[' && i + 1 < end && p[i + 1] == ':') {
                int close = namedClassClose(p, i + 2);
                if (close < 0) {
                    matched |= tc == c;
                    previous = c;
                } else {
                    matched |= namedClass(new String(p, i + 2, close - i - 2, StandardCharsets.US_ASCII), tc);
                    i = close + 1;
                    previous = -1;
                }
            } else {
                matched |= tc == c;
                previous = c;
            }
            i++;
        }
        return matched != negated;
    }

    private static boolean namedClass(String name, int c) {
        boolean ascii = c < 0x80;
        return switch (name) {
            case "alnum" -> ascii && Character.isLetterOrDigit(c);
            case "alpha" -> ascii && Character.isLetter(c);
            case "blank" -> c == ' ' || c == '\t';
            case "cntrl" -> c < 0x20 || c == 0x7f;
            case "digit" -> c >= '0' && c <= '9';
            case "graph" -> c > 0x20 && c < 0x7f;
            case "lower" -> c >= 'a' && c <= 'z';
            case "print" -> c >= 0x20 && c < 0x7f;
            case "punct" -> c > 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
            case "upper" -> c >= 'A' && c <= 'Z';
            case "xdigit" -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            // wildmatch.c aborts the whole match on an unknown class name; ExcludeRules refuses it earlier
            default -> false;
        };
    }
}
