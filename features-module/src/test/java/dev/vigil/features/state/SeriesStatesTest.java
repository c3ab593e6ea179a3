package dev.vigil.features.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.vigil.features.state.SeriesStates.Quiet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesStatesTest {

    private static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");
    private static final StateSpec SPEC = new StateSpec(10, 0.5, 2);

    @Test
    void theSameKeyGivesTheSameStateAndEachPartOfTheKeyCounts() {
        SeriesStates states = new SeriesStates(SPEC, 100);
        SeriesState a = states.state("mqtt", "d1", "mean");

        assertThat(states.state("mqtt", "d1", "mean")).isSameAs(a);
        assertThat(states.state("file", "d1", "mean")).isNotSameAs(a);
        assertThat(states.state("mqtt", "d2", "mean")).isNotSameAs(a);
        assertThat(states.state("mqtt", "d1", "max")).isNotSameAs(a);
        assertThat(states.size()).isEqualTo(4);
        assertThat(a.spec()).isEqualTo(SPEC);
    }

    @Test
    void forgettingAnEntityDropsEveryFeatureOfItAndOnlyThose() {
        SeriesStates states = new SeriesStates(SPEC, 100);
        SeriesState mean = states.state("mqtt", "d1", "mean");
        mean.learn(T0, 5);
        states.state("mqtt", "d1", "max");
        SeriesState other = states.state("mqtt", "d2", "mean");
        SeriesState otherSource = states.state("file", "d1", "mean");

        assertThat(states.forget("mqtt", "d1")).isEqualTo(2);

        assertThat(states.size()).isEqualTo(2);
        assertThat(states.state("mqtt", "d1", "mean")).isNotSameAs(mean).satisfies(s -> assertThat(s.count()).isZero());
        assertThat(states.state("mqtt", "d2", "mean")).isSameAs(other);
        assertThat(states.state("file", "d1", "mean")).isSameAs(otherSource);
        assertThat(states.forget("mqtt", "nobody")).isZero();
    }

    @Test
    void beyondMaxSeriesTheLeastRecentlyUsedIsEvicted() {
        SeriesStates states = new SeriesStates(SPEC, 3);
        SeriesState a = states.state("s", "a", "f");
        states.state("s", "b", "f");
        states.state("s", "c", "f");
        states.state("s", "a", "f"); // a is now more recent than b

        states.state("s", "d", "f");

        assertThat(states.size()).isEqualTo(3);
        assertThat(states.evictions()).isEqualTo(1);
        assertThat(states.state("s", "a", "f")).as("a survived").isSameAs(a);
        assertThat(states.evictions()).isEqualTo(1);
        states.state("s", "b", "f"); // b was evicted: recreated, evicting c
        assertThat(states.evictions()).isEqualTo(2);
    }

    @Test
    void aFullLargeRegistryEvictsTheOldestInOneBatch() {
        SeriesStates states = new SeriesStates(SPEC, 64);
        for (int i = 0; i < 64; i++) {
            states.state("s", "e" + i, "f");
        }
        states.state("s", "new", "f");

        assertThat(states.evictions()).isEqualTo(4); // 64 / 16
        assertThat(states.size()).isEqualTo(61);
        SeriesState e4 = states.state("s", "e4", "f");
        assertThat(states.size()).as("e4 was kept, not recreated").isEqualTo(61);
        assertThat(e4.count()).isZero();
    }

    @Test
    void evictIdleForgetsTheSeriesNobodyUsedSinceTheCutoffOnTheWallClockWhateverTheirEventTimes() {
        Instant[] now = {Instant.parse("2026-12-01T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        SeriesStates states = new SeriesStates(SPEC, 100, clock);
        states.state("s", "quiet", "f").learn(T0.plusSeconds(100), 1);
        now[0] = now[0].plus(Duration.ofDays(2));
        states.state("s", "history", "f").learn(T0, 1); // replayed today: old event time, just used
        states.state("s", "unlearned", "f");

        assertThat(states.evictIdle(now[0].minus(Duration.ofDays(1)))).isEqualTo(1);

        assertThat(states.size()).isEqualTo(2);
        assertThat(states.state("s", "history", "f").count()).isEqualTo(1);
        assertThat(states.state("s", "quiet", "f").count()).as("recreated empty").isZero();
        assertThat(states.evictions()).as("idle removals are not capacity evictions").isZero();
    }

    @Test
    void aSeriesThatMissesItsRhythmIsSilentAndOneOnItsRhythmIsNot() {
        SeriesStates states = new SeriesStates(SPEC, 100);
        learnEvery(states.state("mqtt", "quiet", "mean"), Duration.ofSeconds(60), 5); // last at T0+240s
        learnEvery(states.state("mqtt", "slow", "mean"), Duration.ofMinutes(10), 2); // last at T0+10m
        states.state("mqtt", "once", "mean").learn(T0, 1);
        Instant now = T0.plus(Duration.ofMinutes(12));

        List<Quiet> silent = states.quietSince(now, 3, Duration.ofMinutes(1));

        assertThat(silent).containsExactly(new Quiet("mqtt", "quiet", "mean", T0.plusSeconds(240),
                Duration.ofSeconds(60), Duration.ofSeconds(480)));
    }

    @Test
    void theMinimumGapKeepsFastSeriesFromBeingCalledSilentAfterAShortPause() {
        SeriesStates states = new SeriesStates(SPEC, 100);
        learnEvery(states.state("mqtt", "fast", "mean"), Duration.ofSeconds(1), 5); // last at T0+4s

        assertThat(states.quietSince(T0.plusSeconds(30), 3, Duration.ofMinutes(1))).isEmpty();
        assertThat(states.quietSince(T0.plusSeconds(65), 3, Duration.ofMinutes(1))).singleElement()
                .extracting(Quiet::silentFor).isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void silencesAreListedOldestFirst() {
        SeriesStates states = new SeriesStates(SPEC, 100);
        learnEvery(states.state("s", "b", "f"), Duration.ofSeconds(10), 3);
        SeriesState a = states.state("s", "a", "f");
        a.learn(T0.plusSeconds(5), 1);
        a.learn(T0.plusSeconds(30), 1);

        assertThat(states.quietSince(T0.plus(Duration.ofHours(1)), 3, Duration.ZERO))
                .extracting(Quiet::entity).containsExactly("b", "a");
    }

    @Test
    void aRegistrySnapshotRestoresEverySeriesAndTheOrderOfUse() throws IOException {
        SeriesStates states = new SeriesStates(SPEC, 3);
        learnEvery(states.state("mqtt", "a", "mean"), Duration.ofSeconds(60), 12);
        learnEvery(states.state("file", "b", "count"), Duration.ofSeconds(30), 3);
        states.state("file", "b", "count").scorerSlots()[1] = 4.25;
        learnEvery(states.state("kafka", "c", "error_count"), Duration.ofSeconds(10), 1);
        states.state("mqtt", "a", "mean"); // b is now the least recently used

        SeriesStates restored = new SeriesStates(SPEC, 3);
        restored.readSnapshot(input(snapshot(states)));

        assertThat(restored.size()).isEqualTo(3);
        SeriesStateTest.assertSameView(restored.state("mqtt", "a", "mean"), states.state("mqtt", "a", "mean"), T0);
        SeriesStateTest.assertSameView(restored.state("kafka", "c", "error_count"),
                states.state("kafka", "c", "error_count"), T0);
        // b was not touched after the restore, so it is the one a fourth series evicts
        SeriesState b = restored.state("file", "b", "count");
        assertThat(b.scorerSlots()).containsExactly(0, 4.25);
        restored.state("mqtt", "a", "mean");
        restored.state("kafka", "c", "error_count");
        restored.state("mqtt", "d", "mean");
        assertThat(restored.state("file", "b", "count")).isNotSameAs(b);
    }

    @Test
    void aSnapshotLargerThanTheRegistryKeepsTheMostRecentlyUsed() throws IOException {
        SeriesStates big = new SeriesStates(SPEC, 10);
        for (String e : List.of("a", "b", "c")) {
            big.state("s", e, "f").learn(T0, 1);
        }
        SeriesStates small = new SeriesStates(SPEC, 2);
        small.readSnapshot(input(snapshot(big)));

        assertThat(small.size()).isEqualTo(2);
        assertThat(small.state("s", "c", "f").count()).isEqualTo(1);
        assertThat(small.state("s", "b", "f").count()).isEqualTo(1);
    }

    @Test
    void aRegistrySnapshotOfAnotherSpecIsRejectedAndTheRegistryKept() throws IOException {
        SeriesStates states = new SeriesStates(SPEC, 10);
        states.state("s", "a", "f").learn(T0, 1);
        byte[] snapshot = snapshot(states);
        SeriesStates other = new SeriesStates(new StateSpec(10, 0.5, List.of(DecayingQuantiles.KIND), 2), 10);
        other.state("s", "kept", "f");

        assertThatThrownBy(() -> other.readSnapshot(input(snapshot))).isInstanceOf(SnapshotMismatchException.class)
                .hasMessageContaining("statistics=[]");
        assertThat(other.size()).isEqualTo(1);
    }

    @Test
    void concurrentCallersGetOneStatePerKeyAndLoseNoValue() throws Exception {
        SeriesStates states = new SeriesStates(SPEC, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        SeriesState state = states.state("s", "e" + (i % 10), "f");
                        synchronized (state) {
                            state.learn(T0.plusSeconds(i), i);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(states.size()).isEqualTo(10);
        long total = 0;
        for (int e = 0; e < 10; e++) {
            total += states.state("s", "e" + e, "f").count();
        }
        assertThat(total).isEqualTo(8000);
    }

    @Test
    void aRegistryHoldsAtLeastOneSeries() {
        assertThatThrownBy(() -> new SeriesStates(SPEC, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void learnEvery(SeriesState state, Duration gap, int values) {
        for (int i = 0; i < values; i++) {
            state.learn(T0.plus(gap.multipliedBy(i)), i);
        }
    }

    private static byte[] snapshot(SeriesStates states) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        states.writeSnapshot(new DataOutputStream(buffer));
        return buffer.toByteArray();
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
