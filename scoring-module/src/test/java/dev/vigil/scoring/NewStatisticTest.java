package dev.vigil.scoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.features.state.Statistic;
import dev.vigil.features.state.StatisticKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statistic and a scorer that reads it, both written here, outside features-module and without touching the
 * series' state, its spec, its snapshot format or the scorer contract: the extension point a new per-series statistic
 * uses. The statistic is the series' record high; the scorer flags a value above it.
 */
class NewStatisticTest {

    /** The highest value a series has learned. */
    static final class RecordHigh implements Statistic {

        static final StatisticKind<RecordHigh> KIND = StatisticKind.of("record-high", RecordHigh.class,
                alpha -> new RecordHigh());

        private double high = Double.NaN;

        @Override
        public void learn(Instant at, double value) {
            high = Double.isNaN(high) ? value : Math.max(high, value);
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeDouble(high);
        }

        @Override
        public void readFrom(DataInput in) throws IOException {
            high = in.readDouble();
        }
    }

    /** Anomalous when a value beats the series' record high. */
    static final class NewRecord implements Scorer {

        @Override
        public String name() {
            return "new-record";
        }

        @Override
        public Set<StatisticKind<?>> reads() {
            return Set.of(RecordHigh.KIND);
        }

        @Override
        public Finding score(ScoringInput input, double[] slots) {
            double high = input.baseline().statistic(RecordHigh.KIND).high;
            boolean record = input.value() > high;
            return new Finding(name(), record ? 1 : 0, 1, input.feature() + " " + input.value()
                    + (record ? " beats" : " stays below") + " its record " + high);
        }
    }

    private static Detector detector() {
        return new Detector("records", "mean", FeatureKind.GAUGE, 3, List.of(new NewRecord()));
    }

    @Test
    void theDetectorsSeriesLearnTheStatisticItsScorerReads() {
        Detector detector = detector();
        assertThat(detector.spec().statistics()).containsExactly(RecordHigh.KIND);

        List<Optional<Score>> scores = new Feed(detector, Duration.ofMinutes(1)).all(5, 7, 6, 6.5, 7.5, 7);

        assertThat(scores.subList(0, 3)).allMatch(Optional::isEmpty); // learning its first 3 values
        assertThat(scores.get(3).orElseThrow().anomalous()).isFalse();
        assertThat(scores.get(4).orElseThrow().anomalous()).isTrue();
        assertThat(scores.get(4).orElseThrow().explanation().summary()).isEqualTo("mean 7.5 beats its record 7.0");
        assertThat(scores.get(5).orElseThrow().anomalous()).isFalse();
    }

    @Test
    void theStatisticIsSnapshottedAndRestoredWithItsSeries() throws IOException {
        Detector uninterrupted = detector();
        Feed before = new Feed(uninterrupted, Duration.ofMinutes(1));
        before.all(5, 9, 6, 6.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        uninterrupted.states().writeSnapshot(new DataOutputStream(bytes));

        Detector restarted = detector();
        restarted.states().readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        // 8 is below the record of 9 learned before the snapshot: a restored series that forgot it would flag it
        FeatureVector next = Feed.window(before.nextStart(), Duration.ofMinutes(1), Map.of("mean", 8.0));
        Score restored = restarted.evaluate(next).orElseThrow();
        assertThat(restored.anomalous()).isFalse();
        assertThat(restored.explanation().summary()).isEqualTo("mean 8.0 stays below its record 9.0");
        assertThat(restored).isEqualTo(uninterrupted.evaluate(next).orElseThrow());
    }
}
