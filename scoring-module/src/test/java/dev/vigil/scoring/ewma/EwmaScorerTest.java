package dev.vigil.scoring.ewma;

import java.util.List;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Feed;
import dev.vigil.scoring.robustz.RobustZScorer;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.Feed.finding;
import static dev.vigil.scoring.Feed.noisy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EwmaScorerTest {

    private static Feed feed() {
        return Feed.hourly(new Detector("ewma", "mean", FeatureKind.GAUGE, 10,
                List.of(new EwmaScorer(3), new RobustZScorer(3.5))));
    }

    @Test
    void flagsASpikeAgainstTheExponentiallyWeightedLevel() {
        Feed feed = feed();
        feed.all(noisy(100, 60));

        Finding spike = finding(feed.next(110).orElseThrow(), EwmaScorer.NAME);

        assertThat(spike.anomalous()).isTrue();
        assertThat(spike.limit()).isEqualTo(3.0);
        assertThat(spike.description()).startsWith("mean observed 110.0 vs expected 100").contains("above (ewma, limit 3.0σ)");
    }

    @Test
    void followsAMovingLevelSoASpikeOffTheCurrentLevelStandsOutWhereTheRollingMedianLags() {
        Feed feed = feed();
        feed.all(noisy(100, 30));
        for (int i = 1; i <= 60; i++) {
            feed.next(100 + 0.5 * i + (i % 3) - 1); // a ramp to 130 over 60 values
        }

        // the window's median sits halfway up the ramp (~115), the EWMA near its top
        Score spike = feed.next(145).orElseThrow();

        assertThat(finding(spike, EwmaScorer.NAME).anomalous()).isTrue();
        assertThat(finding(spike, RobustZScorer.NAME).anomalous()).isFalse();
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new EwmaScorer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
