package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tree remembers where each key and value was written, through comments and nesting. */
class TreeReaderTest {

    private static Node.Obj read(String text) {
        Problems problems = new Problems();
        Optional<Node.Obj> root = TreeReader.read("t.json", text, problems);
        assertTrue(problems.isEmpty(), problems.lines().toString());
        return root.orElseThrow();
    }

    private static List<String> problems(String text) {
        Problems problems = new Problems();
        TreeReader.read("t.json", text, problems);
        return problems.lines();
    }

    @Test
    void nestedValuesKeepTheirLineAndColumn() {
        Node.Obj root = read("""
                {
                  // a comment
                  "a": {
                    /* another */ "b": [1, "x"]
                  }
                }
                """);
        Node.Member a = root.member("a").orElseThrow();
        assertEquals(new Origin.InFile("t.json", 3, 3), a.keyOrigin());
        assertEquals(new Origin.InFile("t.json", 3, 8), a.value().origin());
        Node.Member b = ((Node.Obj) a.value()).member("b").orElseThrow();
        assertEquals(new Origin.InFile("t.json", 4, 19), b.keyOrigin());
        Node.Arr list = (Node.Arr) b.value();
        assertEquals(new Node.Num(BigDecimal.ONE, new Origin.InFile("t.json", 4, 25)), list.items().get(0));
        assertEquals(new Node.Text("x", new Origin.InFile("t.json", 4, 28)), list.items().get(1));
    }

    @Test
    void numbersStayExact() {
        Node.Num n = (Node.Num) read("{\"d\": 0.1}").member("d").orElseThrow().value();
        assertEquals(new BigDecimal("0.1"), n.value());
    }

    @Test
    void syntaxErrorsPointAtTheirCause() {
        assertEquals(List.of("t.json:1:8: trailing comma before '}'; remove it"), problems("{\"a\": 1,}"));
        assertEquals(List.of("t.json:2:3: JSON needs double quotes (\") around keys and strings, not single quotes"),
                problems("{\n  'a': 1}"));
        assertEquals(List.of("t.json:1:10: text after the end of the top-level object; remove it or move it inside the braces"),
                problems("{\"a\": 1} {}"));
        assertEquals(List.of("t.json:1:11: a: duplicate key (also at line 1, column 2); keep only one"),
                problems("{\"a\": 1,  \"a\": 2}"));
        assertTrue(problems("{\"a\": tru}").getFirst().startsWith("t.json:1:7: invalid JSON ("));
    }
}
