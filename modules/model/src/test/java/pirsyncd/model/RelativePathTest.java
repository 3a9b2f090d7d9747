package pirsyncd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathTest {

    @Test
    void nonUtf8BytesSurviveUnchangedAndShowEscaped() throws IOException {
        byte[] raw = {'a', '/', (byte) 0xff, 'b', (byte) 0xc3};
        RelativePath path = RelativePath.of(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        path.writeTo(out);
        assertArrayEquals(raw, out.toByteArray());
        assertEquals("a/\\xffb\\xc3", path.toString());
        assertFalse(path.isUtf8());
    }

    @Test
    void controlCharactersAreEscapedSoALogLineStaysOneLine() {
        assertEquals("new\\x0aline\\x09tab", RelativePath.of("new\nline\ttab").toString());
        assertEquals("caf\u00e9", RelativePath.of("caf\u00e9").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "trailing/", "a//b", "./a", "a/..", "a/./b"})
    void uncleanPathsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> RelativePath.of(text));
    }

    @Test
    void withinIsSegmentWiseNotByPrefix() {
        RelativePath ab = RelativePath.of("a/b");
        assertTrue(RelativePath.of("a/b/c").isWithin(ab));
        assertTrue(ab.isWithin(ab));
        assertTrue(ab.isWithin(RelativePath.ROOT));
        assertFalse(RelativePath.of("a/bc").isWithin(ab));
        assertFalse(RelativePath.of("a").isWithin(ab));
    }

    @Test
    void rebaseFollowsADirectoryRename() {
        RelativePath moved = RelativePath.of("a/b/c/d").rebase(RelativePath.of("a/b"), RelativePath.of("x"));
        assertEquals(RelativePath.of("x/c/d"), moved);
        assertEquals(RelativePath.of("x"), RelativePath.of("a/b").rebase(RelativePath.of("a/b"), RelativePath.of("x")));
    }

    @Test
    void parentNameAndDepth() {
        RelativePath path = RelativePath.of("a/b/c");
        assertEquals(RelativePath.of("a/b"), path.parent());
        assertEquals(RelativePath.ROOT, RelativePath.of("a").parent());
        assertArrayEquals("c".getBytes(java.nio.charset.StandardCharsets.UTF_8), path.fileName());
        assertEquals(3, path.depth());
        assertEquals(0, RelativePath.ROOT.depth());
        assertEquals(path, RelativePath.of("a").resolve("b").resolve("c"));
    }

    @Test
    void ordersByUnsignedBytesSoParentsComeFirst() {
        assertTrue(RelativePath.of("a").compareTo(RelativePath.of("a/b")) < 0);
        assertTrue(RelativePath.of("z").compareTo(RelativePath.of(new byte[] {(byte) 0xe0})) < 0);
    }
}
