package dev.vigil.features.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SeriesStateTest {

    private static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z"); // a Monday
    private static final StateSpec MINIMAL = new StateSpec(5, 0.5, 0);
    private static final StateSpec FULL = new StateSpec(60, 0.1, List.of(DecayingQuantiles.KIND, SeasonalProfile.HOUR_OF_WEEK), 3);

    @Test
    void anEmptyStateKnowsNothing() {
        SeriesState state = new SeriesState(FULL);

        assertThat(state.count()).isZero();
        assertThat(state.windowSize()).isZero();
        SeasonalProfile week = state.statistic(SeasonalProfile.HOUR_OF_WEEK);
        assertThat(List.of(state.mean(), state.stdDev(), state.median(), state.mad(), state.ewmaMean(),
                state.ewmaStdDev(), state.statistic(DecayingQuantiles.KIND).quantile(0.5), state.trend(),
                week.expected(T0), week.spread(T0))).allMatch(v -> v.isNaN());
        assertThat(week.count(T0)).isZero();
        assertThat(state.lastSeen()).isNull();
        assertThat(state.typicalInterval()).isNull();
        assertThat(state.scorerSlots()).containsExactly(0, 0, 0);
    }

    @Test
    void windowStatisticsCoverOnlyTheLastWindowValuesWhileCountCoversTheLife() {
        SeriesState state = new SeriesState(MINIMAL);
        double[] values = { 100, 1, 2, 3, 4, 50 }; // 100 falls out of a window of 5
        for (int i = 0; i < values.length; i++) {
            state.learn(T0.plusSeconds(60L * i), values[i]);
        }

        assertThat(state.count()).isEqualTo(6);
        assertThat(state.windowSize()).isEqualTo(5);
        assertThat(state.mean()).isEqualTo(12.0);
        assertThat(state.stdDev()).isCloseTo(Math.sqrt((121 + 100 + 81 + 64 + 38 * 38) / 5.0), within(1e-12));
        assertThat(state.median()).isEqualTo(3.0);
        // deviations from 3: 2, 1, 0, 1, 47
        assertThat(state.mad()).isEqualTo(1.0);
    }

    @Test
    void medianOfAnEvenWindowIsTheMeanOfTheMiddleTwoAndStatisticsFollowTheNextLearn() {
        SeriesState state = new SeriesState(new StateSpec(4, 0.5, 0));
        for (double v : new double[] { 4, 1, 3, 2 }) {
            state.learn(T0, v);
        }
        assertThat(state.median()).isEqualTo(2.5);
        assertThat(state.mad()).isEqualTo(1.0);

        state.learn(T0, 10); // drops 4: window 1, 3, 2, 10
        assertThat(state.median()).isEqualTo(2.5);
        assertThat(state.mean()).isEqualTo(4.0);
    }

    @Test
    void ewmaStartsAtTheFirstValueAndWeighsTheNewestByAlpha() {
        SeriesState state = new SeriesState(MINIMAL);
        state.learn(T0, 10);
        assertThat(state.ewmaMean()).isEqualTo(10.0);
        assertThat(state.ewmaStdDev()).isZero();

        state.learn(T0.plusSeconds(1), 20);
        assertThat(state.ewmaMean()).isEqualTo(15.0);
        // Finch: (1 - a) * (0 + diff * a * diff) = 0.5 * 10 * 5 = 25
        assertThat(state.ewmaStdDev()).isEqualTo(5.0);
    }

    @Test
    void trendFollowsALinearRampExactly() {
        SeriesState state = new SeriesState(new StateSpec(10, 0.3, 0));
        state.learn(T0, 5);
        assertThat(state.trend()).isNaN();
        for (int i = 1; i < 50; i++) {
            state.learn(T0.plusSeconds(i), 5 + 2.0 * i);
        }
        assertThat(state.trend()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void trendTurnsWhenTheSeriesTurns() {
        SeriesState state = new SeriesState(new StateSpec(10, 0.5, 0));
        for (int i = 0; i < 20; i++) {
            state.learn(T0.plusSeconds(i), i);
        }
        for (int i = 0; i < 20; i++) {
            state.learn(T0.plusSeconds(20 + i), 20 - 3.0 * i);
        }
        assertThat(state.trend()).isCloseTo(-3.0, within(0.05));
    }

    @Test
    void typicalIntervalIsAnEwmaOfTheGapsAndIgnoresOutOfOrderValues() {
        SeriesState state = new SeriesState(MINIMAL);
        state.learn(T0, 1);
        assertThat(state.typicalInterval()).isNull();
        state.learn(T0.plusSeconds(60), 1);
        assertThat(state.typicalInterval()).isEqualTo(Duration.ofSeconds(60));
        state.learn(T0.plusSeconds(180), 1); // gap 120, alpha 0.5
        assertThat(state.typicalInterval()).isEqualTo(Duration.ofSeconds(90));

        state.learn(T0.plusSeconds(100), 1);
        assertThat(state.lastSeen()).isEqualTo(T0.plusSeconds(180));
        assertThat(state.typicalInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(state.count()).isEqualTo(4);
    }

    @Test
    void seasonalProfileKeepsEachHourOfTheWeekApartAndIsInitialisedByItsFirstValues() {
        SeriesState state = new SeriesState(new StateSpec(5, 0.1, List.of(SeasonalProfile.HOUR_OF_WEEK), 0));
        Instant mondayNine = T0.plus(Duration.ofHours(9));
        Instant tuesdayNine = mondayNine.plus(Duration.ofDays(1));
        state.learn(mondayNine, 100);
        state.learn(mondayNine.plusSeconds(600), 110);
        state.learn(mondayNine.plus(Duration.ofDays(7)), 120);
        state.learn(tuesdayNine, 5);

        SeasonalProfile profile = state.statistic(SeasonalProfile.HOUR_OF_WEEK);
        // the first values are averaged plainly, not anchored on the first at weight 0.9
        assertThat(profile.expected(mondayNine.plusSeconds(1800))).isCloseTo(110.0, within(1e-9));
        assertThat(profile.spread(mondayNine)).isCloseTo(Math.sqrt(200.0 / 3), within(1e-9));
        assertThat(profile.count(mondayNine)).isEqualTo(3);
        assertThat(profile.expected(tuesdayNine)).isEqualTo(5.0);
        assertThat(profile.spread(tuesdayNine)).isZero();
        assertThat(profile.expected(mondayNine.plus(Duration.ofHours(1)))).isNaN();
        assertThat(profile.count(mondayNine.plus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void hourOfDayFoldsEveryDayOntoTheSameTwentyFourBuckets() {
        SeriesState state = new SeriesState(new StateSpec(5, 0.1, List.of(SeasonalProfile.HOUR_OF_DAY), 0));
        state.learn(T0.plus(Duration.ofHours(3)), 10);
        state.learn(T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(3)), 20);

        SeasonalProfile profile = state.statistic(SeasonalProfile.HOUR_OF_DAY);
        assertThat(profile.expected(T0.plus(Duration.ofDays(10)).plus(Duration.ofMinutes(200))))
                .isEqualTo(15.0);
        assertThat(profile.count(T0.minus(Duration.ofHours(21)))).as("before the epoch too").isEqualTo(2);
    }

    @Test
    void quantilesComeFromTheSketchWithinOnePercent() {
        SeriesState state = new SeriesState(FULL);
        for (int i = 1; i <= 1000; i++) {
            state.learn(T0.plusSeconds(i), i);
        }
        DecayingQuantiles quantiles = state.statistic(DecayingQuantiles.KIND);
        assertThat(quantiles.quantile(0.5)).isCloseTo(500, within(500 * 0.01 + 1));
        assertThat(quantiles.quantile(0.99)).isCloseTo(990, within(990 * 0.01 + 1));
        assertThat(quantiles.quantile(0)).isCloseTo(1, within(0.02));
        assertThatThrownBy(() -> quantiles.quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutTheSpecAskingThereAreNoQuantilesAndNoSeasonality() {
        SeriesState state = new SeriesState(MINIMAL);
        state.learn(T0, 3);

        assertThat(state.statistic(DecayingQuantiles.KIND)).isNull();
        assertThat(state.statistic(SeasonalProfile.HOUR_OF_WEEK)).isNull();
        assertThat(state.statistic(SeasonalProfile.HOUR_OF_DAY)).isNull();
        assertThat(state.scorerSlots()).isEmpty();
    }

    @Test
    void nanAndInfinitiesAreRejectedAndLeaveTheStateUntouched() {
        SeriesState state = new SeriesState(MINIMAL);
        state.learn(T0, 1);

        assertThatThrownBy(() -> state.learn(T0, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> state.learn(T0, Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-Infinity");
        assertThat(state.count()).isEqualTo(1);
        assertThat(state.mean()).isEqualTo(1.0);
    }

    @Test
    void aRestoredStateAnswersAndLearnsBitForBitAsTheOriginal() throws IOException {
        SeriesState original = new SeriesState(FULL);
        Random random = new Random(42);
        Instant at = T0;
        for (int i = 0; i < 500; i++) {
            at = at.plusSeconds(30 + random.nextInt(60));
            original.learn(at, 50 + 10 * random.nextGaussian() - (i % 7 == 0 ? 80 : 0));
            original.scorerSlots()[i % 3] += random.nextDouble();
        }

        SeriesState restored = SeriesState.readFrom(input(bytes(original)), FULL);
        assertSameView(restored, original, at);

        for (int i = 0; i < 100; i++) {
            at = at.plusSeconds(30 + random.nextInt(60));
            double value = 50 + 10 * random.nextGaussian();
            original.learn(at, value);
            restored.learn(at, value);
        }
        assertSameView(restored, original, at);
        assertThat(bytes(restored)).isEqualTo(bytes(original));
    }

    @Test
    void aMinimalStateRoundTripsToo() throws IOException {
        SeriesState original = new SeriesState(MINIMAL);
        for (int i = 0; i < 7; i++) { // wraps the ring buffer
            original.learn(T0.plusSeconds(i), i * 1.5);
        }
        SeriesState restored = SeriesState.readFrom(input(bytes(original)), MINIMAL);
        original.learn(T0.plusSeconds(8), 0.1);
        restored.learn(T0.plusSeconds(8), 0.1);
        assertSameView(restored, original, T0);
    }

    @Test
    void aSnapshotWrittenWithAnotherSpecIsRejectedNotMisread() throws IOException {
        SeriesState state = new SeriesState(FULL);
        state.learn(T0, 1);
        byte[] snapshot = bytes(state);

        StateSpec otherWindow = new StateSpec(30, 0.1, List.of(DecayingQuantiles.KIND, SeasonalProfile.HOUR_OF_WEEK), 3);
        assertThatThrownBy(() -> SeriesState.readFrom(input(snapshot), otherWindow))
                .isInstanceOf(SnapshotMismatchException.class).hasMessageContaining("window=60")
                .hasMessageContaining("window=30");
        StateSpec otherSeasonality = new StateSpec(60, 0.1, List.of(DecayingQuantiles.KIND, SeasonalProfile.HOUR_OF_DAY), 3);
        assertThatThrownBy(() -> SeriesState.readFrom(input(snapshot), otherSeasonality))
                .isInstanceOf(SnapshotMismatchException.class).hasMessageContaining("seasonal-hour-of-week");
    }

    @Test
    void aSnapshotOfTheFirstFormatWhichFlaggedQuantilesAndSeasonalityIsStillRead() throws IOException {
        SeriesState state = new SeriesState(FULL);
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            state.learn(T0.plus(Duration.ofMinutes(37L * i)), 100 + random.nextGaussian() * 10);
        }
        ByteArrayOutputStream headerV2 = new ByteArrayOutputStream();
        SeriesState.writeHeader(new DataOutputStream(headerV2), FULL);
        byte[] current = bytes(state);
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(v1);
        out.writeShort(1);
        out.writeInt(60);
        out.writeDouble(0.1);
        out.writeBoolean(true);
        out.writeUTF("HOUR_OF_WEEK");
        out.writeInt(3);
        out.write(current, headerV2.size(), current.length - headerV2.size()); // the body did not change

        assertSameView(SeriesState.readFrom(input(v1.toByteArray()), FULL), state, T0);
    }

    @Test
    void aSnapshotOfAnotherFormatVersionIsRejected() throws IOException {
        SeriesState state = new SeriesState(MINIMAL);
        byte[] snapshot = bytes(state);
        snapshot[1] = 9; // the version is the leading short

        assertThatThrownBy(() -> SeriesState.readFrom(input(snapshot), MINIMAL))
                .isInstanceOf(SnapshotMismatchException.class).hasMessageContaining("format version 9");
    }

    static byte[] bytes(SeriesState state) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        state.writeTo(new DataOutputStream(buffer));
        return buffer.toByteArray();
    }

    static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /** Every statistic compared as bits, NaN included; seasonal ones at every hour of the week around {@code at}. */
    static void assertSameView(SeriesState actual, SeriesState expected, Instant at) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.windowSize()).isEqualTo(expected.windowSize());
        assertBits(actual.mean(), expected.mean());
        assertBits(actual.stdDev(), expected.stdDev());
        assertBits(actual.median(), expected.median());
        assertBits(actual.mad(), expected.mad());
        assertBits(actual.ewmaMean(), expected.ewmaMean());
        assertBits(actual.ewmaStdDev(), expected.ewmaStdDev());
        assertBits(actual.trend(), expected.trend());
        assertThat(actual.spec()).isEqualTo(expected.spec());
        if (expected.spec().statistics().contains(DecayingQuantiles.KIND)) {
            for (double q = 0; q <= 1; q += 0.05) {
                assertBits(actual.statistic(DecayingQuantiles.KIND).quantile(q),
                        expected.statistic(DecayingQuantiles.KIND).quantile(q));
            }
        }
        for (StatisticKind<SeasonalProfile> kind : List.of(SeasonalProfile.HOUR_OF_DAY, SeasonalProfile.HOUR_OF_WEEK)) {
            if (expected.spec().statistics().contains(kind)) {
                SeasonalProfile a = actual.statistic(kind);
                SeasonalProfile e = expected.statistic(kind);
                for (int h = 0; h < 168; h++) {
                    Instant hour = at.plus(Duration.ofHours(h));
                    assertBits(a.expected(hour), e.expected(hour));
                    assertBits(a.spread(hour), e.spread(hour));
                    assertThat(a.count(hour)).isEqualTo(e.count(hour));
                }
            }
        }
        assertThat(actual.lastSeen()).isEqualTo(expected.lastSeen());
        assertThat(actual.typicalInterval()).isEqualTo(expected.typicalInterval());
        assertThat(actual.scorerSlots().length).isEqualTo(expected.scorerSlots().length);
        for (int i = 0; i < expected.scorerSlots().length; i++) {
            assertBits(actual.scorerSlots()[i], expected.scorerSlots()[i]);
        }
    }

    private static void assertBits(double actual, double expected) {
        assertThat(Double.doubleToRawLongBits(actual)).isEqualTo(Double.doubleToRawLongBits(expected));
    }
}
