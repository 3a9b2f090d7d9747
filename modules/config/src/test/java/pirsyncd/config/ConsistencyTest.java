package pirsyncd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples catalogue, docs/config.md and docs/pirsyncd.schema.json describe the same settings. */
class ConsistencyTest {
    private static final Set<String> CATALOGUE =
            ConfigExamples.all().stream().map(ConfigExample::key).collect(Collectors.toCollection(TreeSet::new));

    @Test
    void docsDocumentExactlyTheCatalogueWithItsExamples() throws IOException {
        String docs = Files.readString(TestData.DOCS.resolve("config.md"), StandardCharsets.UTF_8);
        Matcher headings = Pattern.compile("^#### `([^`]+)`", Pattern.MULTILINE).matcher(docs);
        Set<String> documented = new TreeSet<>();
        while (headings.find()) {
            documented.add(headings.group(1));
        }
        assertEquals(CATALOGUE, documented);
        for (ConfigExample example : ConfigExamples.all()) {
            assertTrue(docs.contains(example.json()), "docs lack the example of " + example.key());
            assertTrue(docs.contains("Flag: `" + example.flag() + "`"), "docs lack the flag of " + example.key());
        }
    }

    @Test
    void schemaHasEveryCatalogueKeyAndNoOther() throws IOException {
        Node.Obj schema = read(TestData.DOCS.resolve("pirsyncd.schema.json"));
        Node.Obj defs = (Node.Obj) schema.member("$defs").orElseThrow().value();
        Set<String> inSchema = new TreeSet<>();
        collect(properties(schema), "", defs, inSchema);
        inSchema.remove("$schema");
        Set<String> expected = new TreeSet<>(CATALOGUE);
        expected.remove("targets"); // an array: its items are targets[].*
        assertEquals(expected, withoutPerTargetCopies(inSchema));
    }

    @TempDir
    Path dir;

    @Test
    void everyExampleSnippetIsAValidConfigFragment() throws Exception {
        Files.createDirectory(dir.resolve("tree"));
        Set<String> namingFilesThatDoNotExistHere =
                Set.of("source", "passwordFile", "ssh.identityFile", "rsyncLog", "log.file", "rsyncPath");
        for (ConfigExample example : ConfigExamples.all()) {
            if (namingFilesThatDoNotExistHere.contains(example.key())) {
                continue;
            }
            String source = example.key().equals("source") ? "" : "\"source\": \"tree\", ";
            String targets = example.key().startsWith("targets") ? "" : "\"targets\": [{\"destination\": \"/tmp/pirsyncd-example\"}], ";
            String text = "{" + source + targets + example.json() + "}";
            Path file = dir.resolve("example.json");
            Files.writeString(file, text);
            try {
                ConfigLoader.load(Optional.of(file), ConfigOverrides.none());
            } catch (ConfigException e) {
                throw new AssertionError("the example of " + example.key() + " is refused: " + e.errors(), e);
            }
        }
    }

    @Test
    void flagsAreUniqueAndFindable() {
        // "targets" shows --destination too: the one flag that stands for a one-target list
        List<ConfigExample> settable = ConfigExamples.all().stream().filter(e -> !e.key().equals("targets")).toList();
        List<String> flags = settable.stream().map(ConfigExample::flagName).toList();
        assertEquals(flags.size(), new HashSet<>(flags).size(), "duplicate flag in " + flags);
        for (ConfigExample example : settable) {
            assertTrue(example.flagName().startsWith("--"), example.key());
            assertEquals(Optional.of(example), ConfigExamples.find(example.flagName()));
        }
        assertEquals("ssh.port", ConfigExamples.find("port").orElseThrow().key());
        assertEquals("maxDelay", ConfigExamples.find("MAXDELAY").orElseThrow().key());
        assertEquals(Optional.empty(), ConfigExamples.find("colour"));
    }

    private static Node.Obj read(Path file) throws IOException {
        Problems problems = new Problems();
        Optional<Node.Obj> root = TreeReader.read(file.toString(), Files.readString(file), problems);
        assertTrue(problems.isEmpty(), problems.lines().toString());
        return root.orElseThrow();
    }

    private static Node.Obj properties(Node.Obj object) {
        return (Node.Obj) object.member("properties").orElseThrow().value();
    }

    /** Walks properties, following $refs into $defs, collecting dotted leaf keys. */
    private static void collect(Node.Obj props, String prefix, Node.Obj defs, Set<String> out) {
        for (Node.Member member : props.members().values()) {
            String key = prefix + member.key();
            Node.Obj schema = resolve((Node.Obj) member.value(), defs);
            Optional<Node.Member> items = schema.member("items");
            if (schema.member("properties").isPresent()) {
                collect(properties(schema), key + ".", defs, out);
            } else if (items.isPresent() && resolve((Node.Obj) items.get().value(), defs).member("properties").isPresent()) {
                collect(properties(resolve((Node.Obj) items.get().value(), defs)), key + "[].", defs, out);
            } else {
                out.add(key);
            }
        }
    }

    private static Node.Obj resolve(Node.Obj schema, Node.Obj defs) {
        Optional<Node.Member> ref = schema.member("$ref");
        if (ref.isEmpty()) {
            return schema;
        }
        String name = ((Node.Text) ref.get().value()).value().substring("#/$defs/".length());
        return (Node.Obj) defs.member(name).orElseThrow().value();
    }

    /** Per-target rsync options appear twice in the schema (top level and targets[]); the catalogue lists them once. */
    private static Set<String> withoutPerTargetCopies(Set<String> keys) {
        Set<String> perTarget = ConfigExamples.all().stream().filter(ConfigExample::perTarget).map(ConfigExample::key)
                .collect(Collectors.toSet());
        Set<String> result = new TreeSet<>();
        for (String key : keys) {
            String stripped = key.startsWith("targets[].") ? key.substring("targets[].".length()) : key;
            if (key.startsWith("targets[].") && perTarget.contains(stripped)) {
                assertTrue(keys.contains(stripped), key + " is per target but not at the top level");
                continue;
            }
            result.add(key);
        }
        for (String key : perTarget) {
            assertTrue(keys.contains("targets[]." + key), key + " is missing from the schema's target");
        }
        return result;
    }
}
