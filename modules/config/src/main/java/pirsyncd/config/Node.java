package pirsyncd.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON value that remembers where it was written. Jackson's own tree forgets locations, and
 * validation runs after parsing, so the config is read into this small tree instead. Values
 * given on the command line are {@link Text} nodes with a {@link Origin.Flag} origin and are
 * converted by the same field readers.
 */
sealed interface Node {

    /** Where the value starts. */
    Origin origin();

    /** One {@code "key": value} pair; the key's own position is where "unknown key" points. */
    record Member(String key, Origin keyOrigin, Node value) {}

    /** A JSON object; members keep the order of the file. */
    record Obj(Map<String, Member> members, Origin origin) implements Node {
        public Obj {
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        Optional<Member> member(String key) {
            return Optional.ofNullable(members.get(key));
        }
    }

    /** A JSON array. */
    record Arr(List<Node> items, Origin origin) implements Node {
        public Arr {
            items = List.copyOf(items);
        }
    }

    /** A JSON string, or any value typed on the command line. */
    record Text(String value, Origin origin) implements Node {}

    /** A JSON number, kept exact. */
    record Num(BigDecimal value, Origin origin) implements Node {}

    /** {@code true} or {@code false}. */
    record Bool(boolean value, Origin origin) implements Node {}

    /** {@code null}. */
    record Null(Origin origin) implements Node {}

    /** "a string", "a number"... for messages that say what was found instead. */
    static String describe(Node node) {
        return switch (node) {
            case Obj o -> "an object";
            case Arr a -> "a list";
            case Text t -> "a string";
            case Num n -> "a number";
            case Bool b -> "true/false";
            case Null n -> "null";
        };
    }
}
