package pirsyncd.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object of the config (the top level, a target, {@code ssh}, {@code log}...) with
 * typed readers that turn wrong types into one-line errors and return empty instead. Values
 * from flags arrive as text and are parsed here by the same rules, so a flag and a file key
 * cannot disagree about what is valid.
 */
final class Section {
    private final Node.Obj obj;
    private final String path;
    private final Problems problems;

    Section(Node.Obj obj, String path, Problems problems) {
        this.obj = obj;
        this.path = path;
        this.problems = problems;
    }

    static Section empty(String path, Problems problems) {
        return new Section(new Node.Obj(Map.of(), new Origin.Nowhere()), path, problems);
    }

    Problems problems() {
        return problems;
    }

    java.util.Set<String> keys() {
        return obj.members().keySet();
    }

    boolean has(String key) {
        return obj.members().containsKey(key);
    }

    String field(String key) {
        return FieldPath.child(path, key);
    }

    /** Where a key's value is, or where the object starts when the key is absent. */
    Origin originOf(String key) {
        return obj.member(key).map(m -> m.value().origin()).orElse(obj.origin());
    }

    void error(String key, String message) {
        problems.add(originOf(key), field(key), message);
    }

    /** Reports every key not in {@code known}, with a suggestion. */
    void rejectUnknownKeys(Set<String> known) {
        for (Node.Member member : obj.members().values()) {
            if (!known.contains(member.key())) {
                problems.add(member.keyOrigin(), field(member.key()), KeySuggestions.unknownKey(member.key(), known, path));
            }
        }
    }

    Optional<Node> raw(String key) {
        return obj.member(key).map(Node.Member::value);
    }

    /** Where the {@code index}th element of a list value is (the list itself if there is no such element). */
    Origin itemOrigin(String key, int index) {
        if (raw(key).orElse(null) instanceof Node.Arr(List<Node> items, Origin at)) {
            return index < items.size() ? items.get(index).origin() : at;
        }
        return originOf(key);
    }

    Optional<Section> section(String key) {
        Optional<Node> node = raw(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof Node.Obj child) {
            return Optional.of(new Section(child, field(key), problems));
        }
        wrongType(key, node.get(), "an object {...}", "{}");
        return Optional.empty();
    }

    Optional<String> string(String key) {
        Optional<Node> node = raw(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof Node.Text(String value, Origin at)) {
            if (value.isEmpty()) {
                error(key, "is empty; give a value or remove the key");
                return Optional.empty();
            }
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                error(key, "contains a control character (newline, tab, NUL...); remove it");
                return Optional.empty();
            }
            return Optional.of(value);
        }
        wrongType(key, node.get(), "a string", "\"text\"");
        return Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        Optional<Node> node = raw(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Node found = node.get();
        if (found instanceof Node.Bool(boolean value, Origin at)) {
            return Optional.of(value);
        }
        if (found instanceof Node.Text(String text, Origin.Flag flag) && (text.equals("true") || text.equals("false"))) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        wrongType(key, found, "true or false", "true");
        return Optional.empty();
    }

    /** A number as written, or parsed from a flag's text. */
    private Optional<BigDecimal> decimal(String key, String expected, String example) {
        Optional<Node> node = raw(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Node found = node.get();
        if (found instanceof Node.Num(BigDecimal value, Origin at)) {
            return Optional.of(value);
        }
        if (found instanceof Node.Text(String text, Origin.Flag flag)) {
            try {
                return Optional.of(new BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                // not a number: reported below like any other wrong type
            }
        }
        wrongType(key, found, expected, example);
        return Optional.empty();
    }

    /** Seconds with fractions, at least {@code min}. */
    Optional<Duration> seconds(String key, double min, String example) {
        return decimal(key, "a number of seconds", example).flatMap(value -> {
            if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
                error(key, value.toPlainString() + " seconds is " + (min == 0 ? "negative" : "too small")
                        + "; write a number of seconds of at least " + plain(min) + ", e.g. " + example);
                return Optional.empty();
            }
            if (value.compareTo(BigDecimal.valueOf(366L * 24 * 3600)) > 0) {
                error(key, value.toPlainString() + " seconds is more than a year; write a smaller number of seconds, e.g. " + example);
                return Optional.empty();
            }
            long nanos = value.movePointRight(9).longValue();
            return Optional.of(Duration.ofNanos(nanos));
        });
    }

    /** A whole number in {@code [min, max]}. */
    Optional<Long> integer(String key, long min, long max, String example) {
        return decimal(key, "a whole number", example).flatMap(value -> {
            if (value.stripTrailingZeros().scale() > 0) {
                error(key, value.toPlainString() + " is not a whole number; write e.g. " + example);
                return Optional.empty();
            }
            if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
                error(key, value.toPlainString() + " is out of range; write a whole number from " + min + " to " + max
                        + ", e.g. " + example);
                return Optional.empty();
            }
            return Optional.of(value.longValueExact());
        });
    }

    /** A list of non-empty strings. */
    Optional<List<String>> strings(String key, String example) {
        Optional<Node> node = raw(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof Node.Arr(List<Node> items, Origin at))) {
            wrongType(key, node.get(), "a list of strings", example);
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemField = FieldPath.index(field(key), i);
            if (item instanceof Node.Text(String value, Origin itemAt) && !value.isEmpty()
                    && value.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
                values.add(value);
            } else if (item instanceof Node.Text) {
                problems.add(item.origin(), itemField, "is empty or contains a control character; remove it or fix it");
                ok = false;
            } else {
                problems.add(item.origin(), itemField, "expected a string, found " + Node.describe(item) + "; put it in double quotes");
                ok = false;
            }
        }
        return ok ? Optional.of(List.copyOf(values)) : Optional.empty();
    }

    private void wrongType(String key, Node found, String expected, String example) {
        String expectation = expected.contains(example) ? expected : expected + " such as " + example;
        switch (found.origin()) {
            case Origin.Flag flag -> error(key, quoted(found) + " is not " + expected + "; write e.g. " + example);
            case Origin.InFile f -> error(key, "expected " + expectation + ", found " + Node.describe(found) + hint(found, expected));
            case Origin.Nowhere n -> error(key, "expected " + expectation);
        }
    }

    /** The fix for the two commonest slips: quotes around a number or boolean, and null. */
    private static String hint(Node found, String expected) {
        if (found instanceof Node.Null) {
            return " (remove the key to get the default)";
        }
        if (found instanceof Node.Text(String text, Origin at)) {
            boolean looksBoolean = text.equals("true") || text.equals("false");
            boolean looksNumber = text.matches("-?\\d+(\\.\\d+)?");
            if ((looksBoolean && expected.contains("true")) || (looksNumber && expected.contains("number"))) {
                return "; remove the quotes";
            }
        }
        return "";
    }

    private static String quoted(Node node) {
        return node instanceof Node.Text(String value, Origin at) ? "\"" + value + "\"" : Node.describe(node);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
