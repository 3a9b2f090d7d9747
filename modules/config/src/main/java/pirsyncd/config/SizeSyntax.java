package pirsyncd.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rsync's size syntax, as rsync(1) describes it for {@code --max-size}: a number with an
 * optional fraction, then an optional suffix {@code K M G T P} (each may be followed by
 * {@code B}, meaning powers of 1000, or {@code iB}, powers of 1024, the same as no letter), or
 * {@code b} for bytes, in either case; {@code --max-size} and {@code --min-size} also accept a
 * trailing {@code +1} or {@code -1}. Checking it here turns rsync's late "invalid size" exit
 * into an error before anything starts.
 */
final class SizeSyntax {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([bB]|[kKmMgGtTpP](?:[iI]?[bB])?)?([+-]1)?");

    private SizeSyntax() {}

    /**
     * The size in bytes, or empty if the text is not rsync size syntax. {@code plainUnit} is
     * what a number without suffix counts (1 for sizes, 1024 for {@code --bwlimit}).
     */
    static OptionalLong bytes(String text, long plainUnit, boolean allowOffset) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches() || (!allowOffset && m.group(3) != null)) {
            return OptionalLong.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        BigDecimal unit = BigDecimal.valueOf(unit(m.group(2), plainUnit));
        BigDecimal bytes = number.multiply(unit);
        if (m.group(3) != null) {
            bytes = bytes.add(new BigDecimal(m.group(3)));
        }
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(bytes.longValue());
    }

    private static long unit(String suffix, long plainUnit) {
        if (suffix == null) {
            return plainUnit;
        }
        String s = suffix.toLowerCase(Locale.ROOT);
        if (s.equals("b")) {
            return 1;
        }
        long base = s.length() == 2 ? 1000 : 1024; // "kb" is decimal; "k" and "kib" are binary
        int power = "kmgtp".indexOf(s.charAt(0)) + 1;
        long unit = 1;
        for (int i = 0; i < power; i++) {
            unit *= base;
        }
        return unit;
    }

    /**
     * Reads a size setting: a JSON whole number, or a string in rsync syntax. Returns it as the
     * text rsync will be given, after reporting anything wrong.
     */
    static Optional<String> read(Section section, String key, long plainUnit, boolean allowOffset, String example) {
        Optional<Node> node = section.raw(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String text;
        if (node.get() instanceof Node.Num(BigDecimal value, Origin at)) {
            if (value.signum() < 0) {
                section.error(key, value.toPlainString() + " is negative; write a size such as \"" + example + "\""
                        + (plainUnit == 1024 ? " or 0 for no limit" : ""));
                return Optional.empty();
            }
            text = value.toPlainString();
        } else if (node.get() instanceof Node.Text(String value, Origin at)) {
            text = value.strip();
        } else {
            section.error(key, "expected a size such as \"" + example + "\" or a whole number, found " + Node.describe(node.get()));
            return Optional.empty();
        }
        if (bytes(text, plainUnit, allowOffset).isEmpty()) {
            section.error(key, "\"" + text + "\" is not a size rsync understands; write a number with an optional K, M, G or T suffix, e.g. \""
                    + example + "\"");
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
