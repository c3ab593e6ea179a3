package dev.vigil.scoring.percentile;

import java.util.List;

import dev.vigil.contracts.Finding;
import dev.vigil.features.state.DecayingQuantiles;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Feed;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.Feed.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PercentileScorerTest {

    /** 400 values spread evenly over 0..99: quartiles near 25 and 75, inter-quartile spread near 50. */
    private static Feed feed() {
        Feed feed = Feed.hourly(new Detector("latency", "p50_ms", FeatureKind.GAUGE, 10,
                List.of(new PercentileScorer(0.25, 0.75, 3))));
        for (int i = 0; i < 400; i++) {
            feed.next((i * 37) % 100);
        }
        return feed;
    }

    @Test
    void valuesInsideTheBandScoreZero() {
        Finding finding = finding(feed().next(50).orElseThrow(), PercentileScorer.NAME);

        assertThat(finding.statistic()).isZero();
        assertThat(finding.description()).contains("within p25..p75");
    }

    @Test
    void measuresTheDistanceBeyondTheUpperQuantileInInterQuantileSpreads() {
        Finding near = finding(feed().next(150).orElseThrow(), PercentileScorer.NAME);
        Finding far = finding(feed().next(300).orElseThrow(), PercentileScorer.NAME);

        assertThat(near.statistic()).isCloseTo(1.5, within(0.2));
        assertThat(near.anomalous()).isFalse();
        assertThat(far.statistic()).isCloseTo(4.5, within(0.4));
        assertThat(far.anomalous()).isTrue();
        assertThat(far.description()).contains("p50_ms observed 300.0 vs p75", "above", "limit 3.0 spreads");
    }

    @Test
    void measuresBelowTheLowerQuantileToo() {
        Finding low = finding(feed().next(-200).orElseThrow(), PercentileScorer.NAME);

        assertThat(low.statistic()).isCloseTo(4.5, within(0.4));
        assertThat(low.anomalous()).isTrue();
        assertThat(low.description()).contains("vs p25", "below");
    }

    @Test
    void asksItsSeriesForAQuantileSketch() {
        Detector detector = new Detector("d", "x", FeatureKind.GAUGE, 10, List.of(new PercentileScorer(0.25, 0.75, 3)));

        assertThat(new PercentileScorer(0.25, 0.75, 3).reads()).containsExactly(DecayingQuantiles.KIND);
        assertThat(detector.spec().statistics()).containsExactly(DecayingQuantiles.KIND);
    }

    @Test
    void rejectsQuantilesOutOfOrderOrRange() {
        assertThatThrownBy(() -> new PercentileScorer(0.75, 0.25, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PercentileScorer(-0.1, 0.5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PercentileScorer(0.1, 1.5, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
