package dev.vigil.scoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowVerdictTest {

    private static final FeatureVector WINDOW = Feed.window(Feed.START, Duration.ofMinutes(1),
            Map.of("logins", 9.0, "countries", 3.0));

    private static Judgement judgement(String judge, double statistic, List<Finding> details, String evidence) {
        return new Judgement(new Finding(judge, statistic, 2, judge + " says " + statistic),
                Judgement.contribution(judge + "_feature", statistic, 1, 1), details, List.of(evidence));
    }

    @Test
    void theStrongestJudgementDecidesAndLeadsWithItsDetailsRightAfterIt() {
        Finding detail = new Finding("rules", 3, 1, "3 countries in 24 h");
        Score score = WindowVerdict.of("users", WINDOW, List.of(judgement("habits", 1, List.of(), "usual hours 8-18"),
                judgement("rules", 6, List.of(detail), "logged in from NZ")), List.of("window: 9 logins"));

        assertThat(score.anomalous()).isTrue();
        assertThat(score.score()).isEqualTo(Score.normalise(3));
        assertThat(score.explanation().findings()).extracting(Finding::description)
                .containsExactly("rules says 6.0", "3 countries in 24 h", "habits says 1.0");
        assertThat(score.explanation().feature()).isEqualTo("rules_feature");
        assertThat(score.explanation().contributions()).hasSize(2);
        assertThat(score.explanation().evidence())
                .containsExactly("window: 9 logins", "logged in from NZ", "usual hours 8-18");
        assertThat(score.features()).isEqualTo(WINDOW.features());
        assertThat(score.timestamp()).isEqualTo(WINDOW.windowEnd());
    }

    @Test
    void aNormalWindowCarriesNoEvidence() {
        Score score = WindowVerdict.of("users", WINDOW, List.of(judgement("habits", 1, List.of(), "usual hours 8-18")),
                List.of("window: 9 logins"));

        assertThat(score.anomalous()).isFalse();
        assertThat(score.explanation().evidence()).isEmpty();
    }

    @Test
    void aVerdictNeedsAJudgement() {
        assertThatThrownBy(() -> WindowVerdict.of("users", WINDOW, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
