package pirsyncd.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads config text into a {@link Node} tree, remembering the line and column of every key and
 * value ({@link JsonParser#currentTokenLocation()}), so errors found later still point at them.
 *
 * <p>The dialect is JSON plus {@code //} and {@code /* *}{@code /} comments: admins comment their
 * configs, and Jackson's {@code ALLOW_JAVA_COMMENTS} costs nothing. Trailing commas stay errors
 * (they usually mark an entry deleted by half), and so do duplicate keys (the later one would
 * silently win).
 */
final class TreeReader {
    private static final JsonFactory FACTORY =
            JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    private final String file;
    private final String text;
    private final Problems problems;

    private TreeReader(String file, String text, Problems problems) {
        this.file = file;
        this.text = text;
        this.problems = problems;
    }

    /** The root object, or empty after adding the error to {@code problems}. */
    static Optional<Node.Obj> read(String file, String text, Problems problems) {
        return new TreeReader(file, text, problems).readRoot();
    }

    private Optional<Node.Obj> readRoot() {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Origin.InFile(file, 1, 1), "",
                        "the file is empty; write a JSON object such as {\"source\": \"/srv/www\", \"targets\": [{\"destination\": \"/backup/www\"}]}");
                return Optional.empty();
            }
            Node root = value(parser, "");
            if (!(root instanceof Node.Obj obj)) {
                problems.add(root.origin(), "", "the config must be a JSON object {...}, not " + Node.describe(root));
                return Optional.empty();
            }
            if (parser.nextToken() != null) {
                problems.add(origin(parser.currentTokenLocation()), "",
                        "text after the end of the top-level object; remove it or move it inside the braces");
                return Optional.empty();
            }
            return Optional.of(obj);
        } catch (JsonProcessingException e) {
            problems.add(syntaxOrigin(e), "", syntaxMessage(e));
            return Optional.empty();
        } catch (IOException e) {
            // reading from a String: only the parser's own checks can fail, but report it plainly
            problems.add(new Origin.InFile(file, 1, 1), "", "cannot parse: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Node value(JsonParser parser, String path) throws IOException {
        Origin at = origin(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(parser, path, at);
            case START_ARRAY -> array(parser, path, at);
            case VALUE_STRING -> new Node.Text(parser.getText(), at);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Node.Num(parser.getDecimalValue(), at);
            case VALUE_TRUE -> new Node.Bool(true, at);
            case VALUE_FALSE -> new Node.Bool(false, at);
            case VALUE_NULL -> new Node.Null(at);
            case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
                    throw new IllegalStateException("unexpected token " + token + " at " + at);
        };
    }

    private Node.Obj object(JsonParser parser, String path, Origin at) throws IOException {
        Map<String, Node.Member> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Origin keyAt = origin(parser.currentTokenLocation());
            parser.nextToken();
            String childPath = FieldPath.child(path, key);
            Node child = value(parser, childPath);
            Node.Member earlier = members.get(key);
            if (earlier != null) {
                problems.add(keyAt, childPath, "duplicate key (also at " + lineAndColumn(earlier.keyOrigin())
                        + "); keep only one");
            } else {
                members.put(key, new Node.Member(key, keyAt, child));
            }
        }
        return new Node.Obj(members, at);
    }

    private Node.Arr array(JsonParser parser, String path, Origin at) throws IOException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(parser, FieldPath.index(path, items.size())));
        }
        return new Node.Arr(items, at);
    }

    private Origin origin(JsonLocation location) {
        return new Origin.InFile(file, location.getLineNr(), location.getColumnNr());
    }

    private static String lineAndColumn(Origin origin) {
        return switch (origin) {
            case Origin.InFile(String f, int line, int column) -> "line " + line + ", column " + column;
            case Origin.Flag(String flag) -> flag;
            case Origin.Nowhere() -> "elsewhere";
        };
    }

    /** A trailing comma is reported at the comma itself, where the fix is. */
    private Origin syntaxOrigin(JsonProcessingException e) {
        int comma = trailingComma(e);
        if (comma >= 0) {
            return originOfOffset(comma);
        }
        JsonLocation location = e.getLocation();
        return location == null ? new Origin.InFile(file, 1, 1) : origin(location);
    }

    private String syntaxMessage(JsonProcessingException e) {
        if (trailingComma(e) >= 0) {
            return "trailing comma before '" + text.charAt(offending(e)) + "'; remove it";
        }
        int at = offending(e);
        if (at >= text.length() || (at >= 0 && text.substring(at).isBlank())) {
            return "the file ends too early: a closing '}' or ']' or a '\"' is missing";
        }
        if (at < 0) {
            return "invalid JSON; check the quotes, commas and brackets here";
        }
        char c = text.charAt(at);
        if (c == '\'') {
            return "JSON needs double quotes (\") around keys and strings, not single quotes";
        }
        if (c == '#') {
            return "'#' does not start a comment in JSON; use // or /* */";
        }
        String original = e.getOriginalMessage();
        // Jackson's own text may quote the source location; the line:column prefix already says it
        String firstLine = original == null ? "invalid JSON"
                : original.lines().findFirst().orElse("invalid JSON").replaceAll("\\s*\\(?start marker at \\[Source.*", "");
        return "invalid JSON (" + firstLine + "); check the quotes, commas and brackets here";
    }

    /**
     * The offset of the character Jackson stopped at, from its line and column (both count from
     * 1 and point at the offending character); {@code text.length()} at the end of the input.
     */
    private int offending(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1 || location.getColumnNr() < 1) {
            return -1;
        }
        int offset = 0;
        for (int line = 1; line < location.getLineNr(); line++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                return text.length();
            }
            offset = newline + 1;
        }
        return Math.min(offset + location.getColumnNr() - 1, text.length());
    }

    /** The offset of a comma directly (bar whitespace) before the '}' or ']' Jackson choked on, else -1. */
    private int trailingComma(JsonProcessingException e) {
        int at = offending(e);
        if (at < 0 || at >= text.length() || (text.charAt(at) != '}' && text.charAt(at) != ']')) {
            return -1;
        }
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i >= 0 && text.charAt(i) == ',' ? i : -1;
    }

    private Origin originOfOffset(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Origin.InFile(file, line, offset - lineStart + 1);
    }
}
