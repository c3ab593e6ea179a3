package dev.vigil.scoring.robustz;

import java.util.List;

import dev.vigil.contracts.Finding;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Feed;
import dev.vigil.scoring.z.ZScorer;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.Feed.finding;
import static dev.vigil.scoring.Feed.noisy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RobustZScorerTest {

    private static final double SIGMA = 1.4826; // MAD 1 of the noisy series

    private static Feed feed() {
        return Feed.hourly(new Detector("robust", "mean", FeatureKind.GAUGE, 10,
                List.of(new RobustZScorer(3.5), new ZScorer(3))));
    }

    @Test
    void flagsASpikeInRobustSigmasFromTheMedian() {
        Feed feed = feed();
        feed.all(noisy(100, 30));

        Finding spike = finding(feed.next(110).orElseThrow(), RobustZScorer.NAME);

        assertThat(spike.statistic()).isCloseTo(10 / SIGMA, within(1e-9));
        assertThat(spike.limit()).isEqualTo(3.5);
        assertThat(spike.anomalous()).isTrue();
        assertThat(spike.description())
                .isEqualTo("mean observed 110.0 vs expected 100.0: 6.7σ above (robust z, limit 3.5σ)");
    }

    @Test
    void aDropIsAPositiveStatisticDescribedAsBelow() {
        Feed feed = feed();
        feed.all(noisy(100, 30));

        Finding drop = finding(feed.next(94).orElseThrow(), RobustZScorer.NAME);

        assertThat(drop.statistic()).isCloseTo(6 / SIGMA, within(1e-9));
        assertThat(drop.description()).contains("below").doesNotContain("above");
    }

    @Test
    void earlierSpikesDoNotDragTheMedianAndMadWhereTheyInflateMeanAndStd() {
        Feed feed = feed();
        double[] values = noisy(100, 33);
        values[8] = 130;
        values[17] = 130;
        values[26] = 130;
        feed.all(values);

        var score = feed.next(112).orElseThrow();

        assertThat(finding(score, RobustZScorer.NAME).anomalous()).isTrue();
        assertThat(finding(score, ZScorer.NAME).anomalous()).as("z, its std inflated by the spikes").isFalse();
        assertThat(score.explanation().findings().get(0).scorer()).isEqualTo(RobustZScorer.NAME);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new RobustZScorer(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
