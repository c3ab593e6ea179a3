package dev.vigil.alerting.severity;

import java.util.List;
import java.util.Map;

import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeverityRankingTest {

    private final SeverityRanking ranking = new SeverityRanking(3, 0.25, List.of("host"), List.of(
            new Importance(Matchers.parse(List.of("env=\"prod\"")), 2),
            new Importance(Matchers.parse(List.of("env=~\".*\"")), 0.5)));

    @Test
    void scoreOnlyIsTheOldRuleCriticalAtThreeQuarters() {
        for (double s : new double[] {0.5, 0.6, 0.7499, 0.75, 0.9}) {
            assertThat(SeverityRanking.SCORE_ONLY.severity(s, Map.of(), 1)).isEqualTo(Severity.of(s));
        }
    }

    @Test
    void rankIsRatioTimesImportanceTimesCorroboration() {
        // score 0.6 -> ratio 1.5; prod weighs 2; 3 agreeing -> 1 + 0.25 * 2 = 1.5
        assertThat(ranking.rank(0.6, Map.of("env", "prod"), 3)).isCloseTo(1.5 * 2 * 1.5, within(1e-9));
        assertThat(ranking.severity(0.6, Map.of("env", "prod"), 3)).isEqualTo(Severity.CRITICAL);
        assertThat(ranking.severity(0.7, Map.of("env", "prod"), 1)).isEqualTo(Severity.CRITICAL);
        assertThat(ranking.severity(0.6, Map.of("env", "dev"), 3)).as("first match wins: dev weighs 0.5")
                .isEqualTo(Severity.WARNING);
        assertThat(ranking.severity(0.8, Map.of("env", "dev"), 1)).as("ratio 4 x 0.5 = 2").isEqualTo(Severity.WARNING);
        assertThat(ranking.importanceOf(Map.of())).as("no env label: the regex .* matches the empty value").isEqualTo(0.5);
    }
}
