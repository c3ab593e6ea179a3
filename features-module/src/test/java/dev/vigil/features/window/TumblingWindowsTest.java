package dev.vigil.features.window;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TumblingWindowsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration IDLE = Duration.ofMinutes(5);
    /** A minute boundary, so offsets in seconds land in predictable windows. */
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    /** Wall clock of receipt, deliberately unrelated to event time. */
    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");

    private final TumblingWindows<Observation> windows = new TumblingWindows<>(MINUTE, Duration.ZERO, IDLE, GaugeAggregate::new);

    private static SortedMap<String, String> labels(String device) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put("device", device);
        return labels;
    }

    private List<FeatureVector> add(TumblingWindows<Observation> w, String entity, Instant eventTime, double value,
            Instant receivedAt) {
        return w.add("mqtt", entity, labels(entity), eventTime,
                new Observation("mqtt", entity, labels(entity), eventTime, value), receivedAt, 0).closed();
    }

    private List<FeatureVector> add(String entity, Instant eventTime, double value) {
        return add(windows, entity, eventTime, value, WALL);
    }

    @Test
    void windowStaysOpenUntilAnEventForALaterWindowArrivesThenClosesWithItsAggregate() {
        assertThat(add("d1", T0.plusSeconds(10), 1.0)).isEmpty();
        assertThat(add("d1", T0.plusSeconds(59), 3.0)).isEmpty();
        assertThat(windows.openWindows()).isEqualTo(1);

        List<FeatureVector> closed = add("d1", T0.plusSeconds(70), 100.0);

        assertThat(closed).hasSize(1);
        FeatureVector window = closed.get(0);
        assertThat(window.source()).isEqualTo("mqtt");
        assertThat(window.entity()).isEqualTo("d1");
        assertThat(window.labels()).containsExactly(org.assertj.core.api.Assertions.entry("device", "d1"));
        assertThat(window.windowStart()).isEqualTo(T0);
        assertThat(window.windowEnd()).isEqualTo(T0.plus(MINUTE));
        assertThat(window.feature("mean")).isCloseTo(2.0, within(1e-12));
        assertThat(window.feature("count")).isEqualTo(2.0);
        assertThat(window.feature("last")).isEqualTo(3.0);
        // the event that closed the window opened the next one
        assertThat(windows.openWindows()).isEqualTo(1);
        assertThat(windows.lateEvents()).isZero();
    }

    @Test
    void eventExactlyOnTheWindowEndBelongsToTheNextWindow() {
        add("d1", T0.plusMillis(59_999), 1.0);

        List<FeatureVector> closed = add("d1", T0.plusSeconds(60), 2.0);

        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).feature("count")).isEqualTo(1.0);
        assertThat(closed.get(0).feature("last")).isEqualTo(1.0);
    }

    @Test
    void windowBoundariesAreAlignedToEpochMultiplesOfTheSpanNotToTheFirstEvent() {
        TumblingWindows<Observation> fiveMinutes = new TumblingWindows<>(Duration.ofMinutes(5), Duration.ZERO, IDLE, GaugeAggregate::new);
        add(fiveMinutes, "d1", Instant.parse("2024-03-01T12:07:31.250Z"), 1.0, WALL);

        List<FeatureVector> closed = add(fiveMinutes, "d1", Instant.parse("2024-03-01T12:10:00Z"), 2.0, WALL);

        assertThat(closed).singleElement().satisfies(w -> {
            assertThat(w.windowStart()).isEqualTo(Instant.parse("2024-03-01T12:05:00Z"));
            assertThat(w.windowEnd()).isEqualTo(Instant.parse("2024-03-01T12:10:00Z"));
        });
    }

    @Test
    void windowsBeforeTheEpochAreAlignedDownwardsToo() {
        add("d1", Instant.parse("1969-12-31T23:59:30Z"), 1.0);

        List<FeatureVector> closed = add("d1", Instant.parse("1970-01-01T00:00:10Z"), 2.0);

        assertThat(closed).singleElement().satisfies(w -> {
            assertThat(w.windowStart()).isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
            assertThat(w.windowEnd()).isEqualTo(Instant.EPOCH);
        });
    }

    @Test
    void lateEventOlderThanTheOpenWindowIsCountedAndDroppedNotMergedIntoTheOpenWindow() {
        add("d1", T0.plusSeconds(10), 1.0);
        add("d1", T0.plusSeconds(70), 5.0); // closes [T0, T0+1m), opens [T0+1m, T0+2m)

        assertThat(add("d1", T0.plusSeconds(20), 1000.0)).isEmpty();
        assertThat(add("d1", T0.minusSeconds(3600), 1000.0)).isEmpty();
        assertThat(windows.lateEvents()).isEqualTo(2);

        List<FeatureVector> closed = add("d1", T0.plusSeconds(130), 0.0);
        assertThat(closed).singleElement().satisfies(w -> {
            assertThat(w.windowStart()).isEqualTo(T0.plus(MINUTE));
            assertThat(w.feature("count")).isEqualTo(1.0);
            assertThat(w.feature("max")).isEqualTo(5.0);
        });
    }

    @Test
    void outOfOrderEventWithinTheOpenWindowIsNotLate() {
        add("d1", T0.plusSeconds(50), 1.0);
        add("d1", T0.plusSeconds(10), 2.0);

        assertThat(windows.lateEvents()).isZero();
        List<FeatureVector> closed = add("d1", T0.plusSeconds(60), 0.0);
        assertThat(closed.get(0).feature("count")).isEqualTo(2.0);
        assertThat(closed.get(0).feature("last")).isEqualTo(2.0);
    }

    @Test
    void jumpingSeveralWindowsAheadClosesOnlyTheOpenWindowAndEmitsNoEmptyWindows() {
        add("d1", T0.plusSeconds(10), 1.0);

        List<FeatureVector> closed = add("d1", T0.plus(Duration.ofMinutes(10)), 2.0);

        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).windowStart()).isEqualTo(T0);
    }

    @Test
    void entitiesHaveIndependentWindowsAndLatenessIsJudgedPerEntity() {
        add("d1", T0.plusSeconds(10), 1.0);

        // d2 being a window ahead neither closes d1's window nor makes d1's events late
        assertThat(add("d2", T0.plusSeconds(70), 1.0)).isEmpty();
        assertThat(add("d1", T0.plusSeconds(20), 2.0)).isEmpty();
        assertThat(windows.openWindows()).isEqualTo(2);
        assertThat(windows.lateEvents()).isZero();

        List<FeatureVector> closed = add("d1", T0.plusSeconds(80), 3.0);
        assertThat(closed).singleElement().satisfies(w -> {
            assertThat(w.entity()).isEqualTo("d1");
            assertThat(w.feature("count")).isEqualTo(2.0);
        });
        assertThat(windows.openWindows()).isEqualTo(2);
    }

    @Test
    void closeIdleClosesOnlyEntitiesWithoutAnEventForTheIdleTimeout() {
        add(windows, "quiet", T0.plusSeconds(10), 4.0, WALL);
        add(windows, "busy", T0.plusSeconds(10), 7.0, WALL.plus(Duration.ofMinutes(4)));

        assertThat(windows.closeIdle(WALL.plus(IDLE).minusMillis(1))).isEmpty();
        List<FeatureVector> closed = windows.closeIdle(WALL.plus(IDLE));

        assertThat(closed).singleElement().satisfies(w -> {
            assertThat(w.entity()).isEqualTo("quiet");
            assertThat(w.windowStart()).isEqualTo(T0);
            assertThat(w.windowEnd()).isEqualTo(T0.plus(MINUTE));
            assertThat(w.feature("mean")).isEqualTo(4.0);
        });
        assertThat(windows.openWindows()).isEqualTo(1);
        assertThat(windows.closeIdle(WALL.plus(IDLE))).isEmpty();
        assertThat(windows.closeIdle(WALL.plus(Duration.ofMinutes(9)))).singleElement()
                .extracting(FeatureVector::entity).isEqualTo("busy");
        assertThat(windows.openWindows()).isZero();
    }

    @Test
    void idleTimeoutIsMeasuredFromTheLastEventReceivedNotTheFirst() {
        add(windows, "d1", T0.plusSeconds(1), 1.0, WALL);
        add(windows, "d1", T0.plusSeconds(2), 1.0, WALL.plus(Duration.ofMinutes(3)));

        assertThat(windows.closeIdle(WALL.plus(IDLE))).isEmpty();
        assertThat(windows.closeIdle(WALL.plus(Duration.ofMinutes(8)))).hasSize(1);
    }

    @Test
    void entityThatSpeaksAgainAfterAnIdleCloseOpensAFreshWindow() {
        add(windows, "d1", T0.plusSeconds(10), 1.0, WALL);
        windows.closeIdle(WALL.plus(IDLE));

        assertThat(add(windows, "d1", T0.plusSeconds(130), 9.0, WALL.plus(IDLE))).isEmpty();
        assertThat(windows.openWindows()).isEqualTo(1);

        List<FeatureVector> closed = add(windows, "d1", T0.plusSeconds(190), 0.0, WALL.plus(IDLE));
        assertThat(closed).singleElement().satisfies(w -> {
            assertThat(w.windowStart()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
            assertThat(w.feature("count")).isEqualTo(1.0);
            assertThat(w.feature("mean")).isEqualTo(9.0);
        });
    }

    @Test
    void theSameEntityNameFromTwoSourcesHasTwoWindows() {
        windows.add("mqtt", "orders", labels("x"), T0, new Observation("mqtt", "orders", labels("x"), T0, 1.0), WALL, 0);
        windows.add("file", "orders", labels("x"), T0, new Observation("file", "orders", labels("x"), T0, 50.0), WALL, 0);

        List<FeatureVector> closed = windows.add("file", "orders", labels("x"), T0.plus(MINUTE),
                new Observation("file", "orders", labels("x"), T0.plus(MINUTE), 60.0), WALL, 0).closed();

        assertThat(windows.openWindows()).isEqualTo(2);
        assertThat(closed).singleElement().satisfies(window -> {
            assertThat(window.source()).isEqualTo("file");
            assertThat(window.feature("mean")).isCloseTo(50.0, within(1e-12));
        });
    }

    @Test
    void aStragglerForAWindowAlreadyClosedForIdlenessIsLateNotASecondWindow() {
        add(windows, "d1", T0.plusSeconds(10), 1.0, WALL);
        assertThat(windows.closeIdle(WALL.plus(IDLE))).hasSize(1);

        assertThat(add(windows, "d1", T0.plusSeconds(50), 2.0, WALL.plus(IDLE))).isEmpty();
        assertThat(add(windows, "d1", T0.minusSeconds(30), 3.0, WALL.plus(IDLE))).isEmpty();

        assertThat(windows.lateEvents()).isEqualTo(2);
        assertThat(windows.openWindows()).isZero();
        assertThat(windows.closeIdle(WALL.plus(IDLE).plus(IDLE))).as("nothing was reopened").isEmpty();
    }

    @Test
    void worksWithLogEventsToo() {
        TumblingWindows<dev.vigil.contracts.LogEvent> logs = new TumblingWindows<>(MINUTE, Duration.ZERO, IDLE, LogLevelAggregate::new);
        SortedMap<String, String> service = new TreeMap<>(java.util.Map.of("service", "checkout"));
        for (dev.vigil.contracts.LogLevel level : List.of(dev.vigil.contracts.LogLevel.ERROR, dev.vigil.contracts.LogLevel.INFO)) {
            logs.add("kafka", "checkout", service, T0.plusSeconds(5),
                    new dev.vigil.contracts.LogEvent("kafka", "checkout", T0.plusSeconds(5), level, "m", java.util.Map.of()), WALL, 0);
        }

        List<FeatureVector> closed = logs.closeIdle(WALL.plus(IDLE));

        assertThat(closed).singleElement().satisfies(w -> {
            assertThat(w.feature("events")).isEqualTo(2.0);
            assertThat(w.feature("error_count")).isEqualTo(1.0);
        });
    }

    @Test
    void outOfOrderEventWithinTheLatenessGoesIntoItsOwnStillOpenWindow() {
        TumblingWindows<Observation> lenient = lenient();
        add(lenient, "d1", T0.plusSeconds(10), 1.0, WALL);
        assertThat(add(lenient, "d1", T0.plusSeconds(70), 100.0, WALL)).as("within lateness: nothing closes").isEmpty();
        assertThat(lenient.openWindows()).isEqualTo(2);

        assertThat(add(lenient, "d1", T0.plusSeconds(20), 3.0, WALL)).isEmpty();

        // the watermark reaches the first window's end plus two minutes
        List<FeatureVector> closed = add(lenient, "d1", T0.plusSeconds(180), 7.0, WALL);
        assertThat(closed).singleElement().satisfies(w -> {
            assertThat(w.windowStart()).isEqualTo(T0);
            assertThat(w.feature("count")).isEqualTo(2.0);
            assertThat(w.feature("mean")).isEqualTo(2.0);
        });
        assertThat(lenient.lateEvents()).isZero();
    }

    @Test
    void anEventForAWindowClosedByTheWatermarkIsLateCountedPerSourceAndDropped() {
        TumblingWindows<Observation> lenient = lenient();
        add(lenient, "d1", T0.plusSeconds(10), 1.0, WALL);
        add(lenient, "d1", T0.plusSeconds(245), 5.0, WALL); // closes [T0, T0+1m)

        assertThat(add(lenient, "d1", T0.plusSeconds(30), 1000.0, WALL)).isEmpty();
        // [T0+1m, T0+2m) was never opened, but the watermark is past its end plus the lateness: late as well
        assertThat(add(lenient, "d1", T0.plusSeconds(90), 1000.0, WALL)).isEmpty();
        lenient.add("file", "d1", labels("d1"), T0.plusSeconds(10), observation(T0.plusSeconds(10)), WALL, 0);

        assertThat(lenient.lateEvents()).isEqualTo(2);
        assertThat(lenient.lateEvents("mqtt")).isEqualTo(2);
        assertThat(lenient.lateEvents("file")).as("another source's entity has its own watermark").isZero();
        assertThat(lenient.closeIdle(WALL.plus(IDLE))).filteredOn(w -> w.source().equals("mqtt")).singleElement()
                .satisfies(w -> {
                    assertThat(w.windowStart()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
                    assertThat(w.feature("count")).isEqualTo(1.0);
                });
    }

    @Test
    void oneEventCanCloseSeveralWindowsAndTheyComeOutInWindowOrder() {
        TumblingWindows<Observation> lenient = lenient();
        add(lenient, "d1", T0.plusSeconds(70), 2.0, WALL);
        add(lenient, "d1", T0.plusSeconds(10), 1.0, WALL);
        add(lenient, "d1", T0.plusSeconds(130), 3.0, WALL);

        List<FeatureVector> closed = add(lenient, "d1", T0.plus(Duration.ofMinutes(10)), 9.0, WALL);

        assertThat(closed).extracting(FeatureVector::windowStart)
                .containsExactly(T0, T0.plus(MINUTE), T0.plus(Duration.ofMinutes(2)));
        assertThat(closed).extracting(w -> w.feature("last")).containsExactly(1.0, 2.0, 3.0);
        assertThat(lenient.openWindows()).isEqualTo(1);
    }

    @Test
    void anIdleEntityHasAllItsOpenWindowsClosedInOrderAndLaterStragglersAreLate() {
        TumblingWindows<Observation> lenient = lenient();
        add(lenient, "d1", T0.plusSeconds(70), 2.0, WALL);
        add(lenient, "d1", T0.plusSeconds(10), 1.0, WALL.plusSeconds(30));

        List<FeatureVector> closed = lenient.closeIdle(WALL.plusSeconds(30).plus(IDLE));

        assertThat(closed).extracting(FeatureVector::windowStart).containsExactly(T0, T0.plus(MINUTE));
        assertThat(lenient.openWindows()).isZero();
        assertThat(add(lenient, "d1", T0.plusSeconds(80), 5.0, WALL.plus(IDLE))).isEmpty();
        assertThat(lenient.lateEvents()).as("its window was emitted already").isEqualTo(1);
        assertThat(lenient.openWindows()).isZero();
    }

    @Test
    void lateEventsDoNotKeepAnEntityAwake() {
        TumblingWindows<Observation> lenient = lenient();
        add(lenient, "d1", T0.plusSeconds(10), 1.0, WALL);
        add(lenient, "d1", T0.plusSeconds(200), 1.0, WALL); // closes [T0, T0+1m)
        add(lenient, "d1", T0.plusSeconds(20), 1.0, WALL.plus(Duration.ofMinutes(4))); // late

        assertThat(lenient.closeIdle(WALL.plus(IDLE))).hasSize(1);
    }

    @Test
    void negativeLatenessIsRejected() {
        assertThatThrownBy(() -> new TumblingWindows<Observation>(MINUTE, Duration.ofSeconds(-1), IDLE,
                GaugeAggregate::new)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lateness");
    }

    private static TumblingWindows<Observation> lenient() {
        return new TumblingWindows<>(MINUTE, Duration.ofMinutes(2), IDLE, GaugeAggregate::new);
    }

    private static Observation observation(Instant at) {
        return new Observation("file", "d1", labels("d1"), at, 1.0);
    }

    @Test
    void constructorRejectsZeroAndNegativeSpans() {
        assertThatThrownBy(() -> new TumblingWindows<Observation>(Duration.ZERO, Duration.ZERO, IDLE, GaugeAggregate::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> new TumblingWindows<Observation>(Duration.ofSeconds(-1), Duration.ZERO, IDLE, GaugeAggregate::new))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subMillisecondSpanIsRejectedAtConstructionRatherThanFailingEveryEvent() {
        assertThatThrownBy(() -> new TumblingWindows<Observation>(Duration.ofNanos(500), Duration.ZERO, IDLE, GaugeAggregate::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 ms");
    }

    @Test
    void entitiesIdleSinceTheCutoffWithoutOpenWindowsAreForgotten() {
        TumblingWindows<Double> windows = new TumblingWindows<>(Duration.ofMinutes(1), Duration.ZERO,
                Duration.ofMinutes(2), GaugeAggregateForgetting::new);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Instant wall = Instant.parse("2026-06-01T00:00:00Z");
        windows.add("s", "once", new TreeMap<>(), t0, 1.0, wall, 0);
        windows.add("s", "busy", new TreeMap<>(), t0, 1.0, wall.plus(Duration.ofDays(8)), 0);
        windows.closeIdle(wall.plus(Duration.ofDays(8)).plus(Duration.ofMinutes(3)));

        assertThat(windows.forgetIdle(wall.plus(Duration.ofDays(7)))).isEqualTo(1);
        assertThat(windows.entities()).isEqualTo(1);
        // what is forgotten starts afresh: its old window is not late any more
        assertThat(windows.add("s", "once", new TreeMap<>(), t0, 2.0, wall.plus(Duration.ofDays(9)), 0).closed())
                .isEmpty();
        assertThat(windows.lateEvents()).isZero();
    }

    /** A count per window, enough to see windows open and close. */
    private static final class GaugeAggregateForgetting implements WindowAggregate<Double> {
        private int count;

        @Override
        public void add(Double event) {
            count++;
        }

        @Override
        public Map<String, Double> features() {
            return Map.of("count", (double) count);
        }
    }
}
