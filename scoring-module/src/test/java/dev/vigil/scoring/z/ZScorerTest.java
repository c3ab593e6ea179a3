package dev.vigil.scoring.z;

import java.util.List;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Feed;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.Feed.finding;
import static dev.vigil.scoring.Feed.noisy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ZScorerTest {

    private static Feed feed() {
        return Feed.hourly(new Detector("z", "mean", FeatureKind.GAUGE, 10, List.of(new ZScorer(3))));
    }

    @Test
    void flagsASpikeInStandardDeviationsOfTheRollingWindow() {
        Feed feed = feed();
        feed.all(noisy(100, 30)); // mean 100, population std sqrt(2/3)

        Finding spike = finding(feed.next(110).orElseThrow(), ZScorer.NAME);

        assertThat(spike.statistic()).isCloseTo(10 / Math.sqrt(2.0 / 3), within(1e-6));
        assertThat(spike.limit()).isEqualTo(3.0);
        assertThat(spike.anomalous()).isTrue();
        assertThat(spike.description()).isEqualTo("mean observed 110.0 vs expected 100.0: 12.2σ above (z, limit 3.0σ)");
    }

    @Test
    void normalValuesStayBelowTheLimit() {
        Feed feed = feed();
        feed.all(noisy(100, 30));

        Score score = feed.next(99).orElseThrow();

        assertThat(finding(score, ZScorer.NAME).statistic()).isCloseTo(1 / Math.sqrt(2.0 / 3), within(1e-6));
        assertThat(score.anomalous()).isFalse();
    }

    @Test
    void aSeriesThatNeverMovedDividesByTheFloorNotByZero() {
        Feed feed = feed();
        feed.all(100, 100, 100, 100, 100, 100, 100, 100, 100, 100);

        // GAUGE floor: 0.001 * 100 + 1e-9
        Finding finding = finding(feed.next(100.5).orElseThrow(), ZScorer.NAME);

        assertThat(finding.statistic()).isCloseTo(0.5 / (0.1 + 1e-9), within(1e-6));
        assertThat(finding.description()).contains("above").doesNotContain("NaN");
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new ZScorer(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z");
    }
}
