package pirsyncd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ExcludeRules against the shared table that ExcludeCasesAgreeWithRsyncIT checks against rsync. */
class ExcludeRulesCasesTest {

    static List<ExcludeCase> cases() {
        return ExcludeCase.all();
    }

    @Test
    void theTableHasEnoughCasesToMeanSomething() {
        assertTrue(cases().size() >= 60, "cases: " + cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void excludesExactlyWhatTheTableSays(ExcludeCase c) {
        ExcludeRules rules = ExcludeRules.of(c.patterns());
        assertEquals(c.excluded(), rules.excludes(RelativePath.of(c.path()), c.kind()), c.toString());
    }
}
