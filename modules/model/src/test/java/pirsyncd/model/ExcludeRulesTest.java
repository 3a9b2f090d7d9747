package pirsyncd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExcludeRulesTest {

    @Test
    void rsyncGetsTheSamePatternsOneExcludeArgumentEach() {
        ExcludeRules rules = ExcludeRules.of("*.tmp", "/cache/", "**/node_modules/", "my file");
        assertEquals(List.of("--exclude=*.tmp", "--exclude=/cache/", "--exclude=**/node_modules/", "--exclude=my file"),
                rules.rsyncFilterArguments());
        assertEquals(List.of("*.tmp", "/cache/", "**/node_modules/", "my file"), rules.patterns());
    }

    @Test
    void noPatternsExcludeNothing() {
        assertTrue(ExcludeRules.of(List.of()).isEmpty());
        assertFalse(ExcludeRules.NONE.excludes(RelativePath.of("a/b"), EntryKind.FILE));
        assertEquals(List.of(), ExcludeRules.NONE.rsyncFilterArguments());
    }

    @Test
    void theRootIsNeverExcluded() {
        assertFalse(ExcludeRules.of("**").excludes(RelativePath.ROOT, EntryKind.DIRECTORY));
        assertTrue(ExcludeRules.of("**").excludes(RelativePath.of("x"), EntryKind.FILE));
    }

    @Test
    void namesThatAreNotUtf8AreMatchedAsBytes() {
        RelativePath name = RelativePath.of(new byte[] {'d', '/', (byte) 0xff, '.', 't', 'm', 'p'});
        assertTrue(ExcludeRules.of("*.tmp").excludes(name, EntryKind.FILE));
        assertTrue(ExcludeRules.of("d/?.tmp").excludes(name, EntryKind.FILE));
        assertFalse(ExcludeRules.of("d/??.tmp").excludes(name, EntryKind.FILE));
    }

    @Test
    void anEntryCheckLooksOnlyAtTheEntryNotItsAncestors() {
        ExcludeRules rules = ExcludeRules.of("build/");
        assertTrue(rules.excludes(RelativePath.of("build/x.c"), EntryKind.FILE));
        assertFalse(rules.excludesEntry(RelativePath.of("build/x.c"), EntryKind.FILE));
        assertTrue(rules.excludesEntry(RelativePath.of("a/build"), EntryKind.DIRECTORY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''        | is empty
            - foo     | rule prefix
            + foo     | rule prefix
            !         | rule prefix
            /         | source root
            [abc      | never closed
            a\u0000b  | NUL
            """)
    void badPatternsAreRefusedInOneLineNamingThePattern(String pattern, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExcludeRules.of(pattern == null ? "" : pattern));
        assertTrue(e.getMessage().startsWith("exclude pattern \""), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void equalRulesAreEqual() {
        assertEquals(ExcludeRules.of("*.o", "/x/"), ExcludeRules.of(List.of("*.o", "/x/")));
    }
}
