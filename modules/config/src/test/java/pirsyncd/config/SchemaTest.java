package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/pirsyncd.schema.json, the file editors check configs with, accepts every config pirsyncd
 * accepts (the good configs, the docs' complete example, every example snippet) and refuses the
 * mistakes a schema can see (unknown keys, wrong types, numbers out of range).
 */
class SchemaTest {
    private static Node.Obj schema;

    @BeforeAll
    static void readTheSchema() throws IOException {
        schema = parse(TestData.DOCS.resolve("pirsyncd.schema.json").toString(),
                Files.readString(TestData.DOCS.resolve("pirsyncd.schema.json")));
    }

    private static Node.Obj parse(String name, String text) {
        Problems problems = new Problems();
        Optional<Node.Obj> root = TreeReader.read(name, text, problems);
        assertTrue(problems.isEmpty(), problems.lines().toString());
        return root.orElseThrow();
    }

    private static List<String> check(String name, String text) {
        return SchemaValidator.validate(schema, parse(name, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.json", "full.json", "multi-target.json"})
    void everyGoodConfigIsValidAgainstTheSchema(String name) throws IOException {
        Path file = TestData.GOOD.resolve(name);
        assertEquals(List.of(), check(name, Files.readString(file, StandardCharsets.UTF_8)));
    }

    @Test
    void theDocsCompleteExampleIsValidAgainstTheSchema() throws IOException {
        String docs = Files.readString(TestData.DOCS.resolve("config.md"), StandardCharsets.UTF_8);
        Matcher example = Pattern.compile("## A complete example\\s+```json\\n(.*?)```", Pattern.DOTALL).matcher(docs);
        assertTrue(example.find(), "no complete example in docs/config.md");
        assertEquals(List.of(), check("config.md", example.group(1)));
    }

    @Test
    void everyExampleSnippetIsValidAgainstTheSchema() {
        for (ConfigExample example : ConfigExamples.all()) {
            String source = example.key().equals("source") ? "" : "\"source\": \"tree\", ";
            String targets = example.key().startsWith("targets") ? "" : "\"targets\": [{\"destination\": \"/d\"}], ";
            String text = "{" + source + targets + example.json() + "}";
            assertEquals(List.of(), check(example.key(), text), text);
            if (example.perTarget()) {
                String inTarget = "{\"source\": \"tree\", \"targets\": [{\"destination\": \"/d\", " + example.json() + "}]}";
                assertEquals(List.of(), check(example.key(), inTarget), inTarget);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"dealy\": 1}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"delay\": \"1\"}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"delay\": -1}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"everyEvents\": 1.5}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\", \"ssh\": {\"port\": 70000}}]}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\", \"delay\": 1}]}",
        "{\"source\": \"s\", \"targets\": []}",
        "{\"source\": \"s\"}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"bwlimit\": \"fast\"}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"log\": {\"level\": \"loud\"}}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"watch\": {\"maxWatches\": -1}}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"watch\": {\"rootRetryInterval\": 0}}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"extraArgs\": [\"acls\"]}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"ssh\": {\"options\": [\"-o X=1\"]}}",
        "{\"source\": \"s\", \"targets\": [{\"destination\": \"/d\"}], \"instance\": \"../x\"}"})
    void mistakesTheSchemaCanSeeAreRefusedByIt(String text) {
        assertFalse(check("bad", text).isEmpty(), "the schema accepts " + text);
    }
}
