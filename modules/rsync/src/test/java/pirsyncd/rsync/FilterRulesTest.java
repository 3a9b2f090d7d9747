package pirsyncd.rsync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import pirsyncd.model.RelativePath;

class FilterRulesTest {
    private static String rules(List<RelativePath> single, List<RelativePath> recursive) {
        return new String(FilterRules.confineTo(single, recursive), UTF_8).replace('\0', '|');
    }

    @Test
    void singlePlacesIncludeTheirParentsAndExcludeEverythingElse() {
        assertEquals("+ /a/|+ /a/b|- /a/b/*|- /a/*|- /*|",
                rules(List.of(RelativePath.of("a/b")), List.of()));
    }

    @Test
    void recursivePlacesTakeTheirContentAlong() {
        assertEquals("+ /t|+ /t/***|- /*|", rules(List.of(), List.of(RelativePath.of("t"))));
    }

    @Test
    void wildcardsInNamesAreEscapedOnlyWherePatternsHaveWildcards() {
        assertEquals("+ /st\\*r|- /st\\*r/*|- /*|", rules(List.of(RelativePath.of("st*r")), List.of()));
        assertEquals("+ /back\\slash|- /back\\\\slash/*|- /*|",
                rules(List.of(RelativePath.of("back\\slash")), List.of()));
    }
}
