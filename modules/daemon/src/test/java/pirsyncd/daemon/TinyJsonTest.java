package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's JSON reader reads what the daemon's Jackson writes, and refuses what is not JSON. */
class TinyJsonTest {
    @Test
    void readsEveryKindOfValue() {
        Object value = TinyJson.parse(" {\"ok\": true, \"no\": false, \"none\": null, \"n\": -12, \"x\": 2.5e1,"
                + " \"s\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\", \"list\": [1, [], {}], \"o\": {\"k\": \"v\"}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ok", true);
        expected.put("no", false);
        expected.put("none", null);
        expected.put("n", -12L);
        expected.put("x", 25.0);
        expected.put("s", "a\"b\\c/d\n\té\uD83D\uDE00");
        expected.put("list", List.of(1L, List.of(), Map.of()));
        expected.put("o", Map.of("k", "v"));
        assertEquals(expected, value);
    }

    @Test
    void readsWhatJacksonWritesForAStatusReply() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StatusReport status = new StatusReport("www", 42, "0.1.0", "2026-11-25T00:00:00Z", 61, "/srv/\"www\"\n",
                "root_missing", "source /srv/www is gone (it was deleted)", 0, 2, List.of("a/ü", "b\\c"), 210, 7, 1, 3,
                45.5, List.of(new StatusReport.TargetReport("t", "/d", "retrying", 3, true, "2026-11-25T00:01:00Z", null,
                        "rsync failed", "2026-11-25T00:00:30Z", 4, 2, 2, 10, 1000)));
        Map<String, Object> reply = Map.of("ok", true, "status", status);

        Object read = TinyJson.parse(json.writeValueAsString(reply));

        assertEquals(json.readValue(json.writeValueAsString(reply), Map.class), normalized(read));
    }

    /** Jackson reads small whole numbers as Integer; ours are Long. */
    private static Object normalized(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, normalized(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(TinyJsonTest::normalized).toList();
            case Long l when l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE -> l.intValue();
            case null -> null;
            default -> value;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "tru", "\"open", "{'a':1}", "{\"a\":1} x",
        "\"\\x\"", "\"\\u12\"", "\"tab\there\"", "-", "1.2.3"})
    void refusesWhatIsNotJson(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TinyJson.parse(text));
        assertTrue(e.getMessage().startsWith("not JSON at offset "), e.getMessage());
    }

    @Test
    void refusesNestingThatWouldExhaustTheStack() {
        char[] deep = new char[10_000];
        Arrays.fill(deep, '[');
        assertThrows(IllegalArgumentException.class, () -> TinyJson.parse(new String(deep)));
    }
}
