package pirsyncd.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema (2020-12) validator for exactly the keywords docs/pirsyncd.schema.json uses,
 * over the config module's own {@link Node} tree (which reads the configs' comments): type,
 * properties, additionalProperties (false), required, items, $ref into $defs, enum, oneOf,
 * minimum, maximum, minLength, minItems, pattern. A schema that uses any other keyword is
 * refused, so that a keyword this validator would silently ignore cannot slip into the schema.
 * A test helper; no library, as the subset is small and a library would be its only user.
 */
final class SchemaValidator {
    private static final Set<String> KNOWN = Set.of("$schema", "$defs", "title", "description", "type", "properties",
            "additionalProperties", "required", "items", "$ref", "enum", "oneOf", "minimum", "maximum", "minLength",
            "minItems", "pattern");

    private final Node.Obj root;
    private final List<String> errors = new ArrayList<>();

    private SchemaValidator(Node.Obj root) {
        this.root = root;
    }

    /** The problems of {@code value} against {@code schema}, one line each with its JSON path; empty if valid. */
    static List<String> validate(Node.Obj schema, Node value) {
        SchemaValidator validator = new SchemaValidator(schema);
        validator.check(schema, value, "$");
        return validator.errors;
    }

    private void check(Node.Obj schema, Node value, String at) {
        for (String keyword : schema.members().keySet()) {
            if (!KNOWN.contains(keyword)) {
                throw new IllegalArgumentException("the schema uses \"" + keyword + "\" (at " + at
                        + "), which this validator does not implement");
            }
        }
        Optional<Node> ref = get(schema, "$ref");
        if (ref.isPresent()) {
            String pointer = text(ref.get());
            if (!pointer.startsWith("#/$defs/")) {
                throw new IllegalArgumentException("only #/$defs/ references are supported: " + pointer);
            }
            Node.Obj defs = (Node.Obj) get(root, "$defs").orElseThrow();
            check((Node.Obj) get(defs, pointer.substring("#/$defs/".length())).orElseThrow(
                    () -> new IllegalArgumentException("no definition " + pointer)), value, at);
        }
        get(schema, "type").ifPresent(type -> {
            if (!hasType(value, text(type))) {
                errors.add(at + ": expected " + text(type) + ", found " + Node.describe(value));
            }
        });
        get(schema, "enum").ifPresent(allowed -> {
            if (((Node.Arr) allowed).items().stream().noneMatch(option -> same(option, value))) {
                errors.add(at + ": not one of the allowed values");
            }
        });
        get(schema, "oneOf").ifPresent(options -> {
            long matching = ((Node.Arr) options).items().stream()
                    .filter(option -> errorsOf((Node.Obj) option, value, at).isEmpty()).count();
            if (matching != 1) {
                errors.add(at + ": matches " + matching + " of the oneOf alternatives instead of exactly one");
            }
        });
        if (value instanceof Node.Num(BigDecimal number, Origin o)) {
            get(schema, "minimum").ifPresent(min -> {
                if (number.compareTo(((Node.Num) min).value()) < 0) {
                    errors.add(at + ": " + number + " is below the minimum " + ((Node.Num) min).value());
                }
            });
            get(schema, "maximum").ifPresent(max -> {
                if (number.compareTo(((Node.Num) max).value()) > 0) {
                    errors.add(at + ": " + number + " is above the maximum " + ((Node.Num) max).value());
                }
            });
        }
        if (value instanceof Node.Text(String string, Origin o)) {
            get(schema, "minLength").ifPresent(min -> {
                if (string.codePointCount(0, string.length()) < ((Node.Num) min).value().intValue()) {
                    errors.add(at + ": shorter than " + ((Node.Num) min).value());
                }
            });
            get(schema, "pattern").ifPresent(pattern -> {
                if (!Pattern.compile(text(pattern)).matcher(string).find()) {
                    errors.add(at + ": \"" + string + "\" does not match " + text(pattern));
                }
            });
        }
        if (value instanceof Node.Arr(List<Node> items, Origin o)) {
            get(schema, "minItems").ifPresent(min -> {
                if (items.size() < ((Node.Num) min).value().intValue()) {
                    errors.add(at + ": fewer than " + ((Node.Num) min).value() + " items");
                }
            });
            get(schema, "items").ifPresent(itemSchema -> {
                for (int i = 0; i < items.size(); i++) {
                    check((Node.Obj) itemSchema, items.get(i), at + "[" + i + "]");
                }
            });
        }
        if (value instanceof Node.Obj object) {
            Map<String, Node.Member> properties = get(schema, "properties")
                    .map(p -> ((Node.Obj) p).members()).orElse(Map.of());
            get(schema, "required").ifPresent(required -> {
                for (Node name : ((Node.Arr) required).items()) {
                    if (!object.members().containsKey(text(name))) {
                        errors.add(at + ": \"" + text(name) + "\" is required");
                    }
                }
            });
            boolean closed = get(schema, "additionalProperties").map(a -> a instanceof Node.Bool(boolean b, Origin o)
                    && !b).orElse(false);
            for (Node.Member member : object.members().values()) {
                Node.Member property = properties.get(member.key());
                if (property != null) {
                    check((Node.Obj) property.value(), member.value(), at + "." + member.key());
                } else if (closed) {
                    errors.add(at + ": \"" + member.key() + "\" is not allowed here");
                }
            }
        }
    }

    /** The errors of one alternative, checked apart from this validator's own list. */
    private List<String> errorsOf(Node.Obj alternative, Node value, String at) {
        SchemaValidator apart = new SchemaValidator(root);
        apart.check(alternative, value, at);
        return apart.errors;
    }

    private static boolean hasType(Node value, String type) {
        return switch (type) {
            case "object" -> value instanceof Node.Obj;
            case "array" -> value instanceof Node.Arr;
            case "string" -> value instanceof Node.Text;
            case "boolean" -> value instanceof Node.Bool;
            case "number" -> value instanceof Node.Num;
            case "integer" -> value instanceof Node.Num(BigDecimal n, Origin o) && n.stripTrailingZeros().scale() <= 0;
            case "null" -> value instanceof Node.Null;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static boolean same(Node a, Node b) {
        return switch (a) {
            case Node.Text(String x, Origin o) -> b instanceof Node.Text(String y, Origin p) && x.equals(y);
            case Node.Num(BigDecimal x, Origin o) -> b instanceof Node.Num(BigDecimal y, Origin p) && x.compareTo(y) == 0;
            case Node.Bool(boolean x, Origin o) -> b instanceof Node.Bool(boolean y, Origin p) && x == y;
            case Node.Null n -> b instanceof Node.Null;
            case Node.Obj o -> throw new IllegalArgumentException("objects in enum are not supported");
            case Node.Arr r -> throw new IllegalArgumentException("lists in enum are not supported");
        };
    }

    private static Optional<Node> get(Node.Obj object, String key) {
        return object.member(key).map(Node.Member::value);
    }

    private static String text(Node node) {
        return ((Node.Text) node).value();
    }
}
