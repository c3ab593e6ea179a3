package dev.vigil.detection.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.detection.metrics.MetricStream;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart restores what the detectors learned: against a real H2 database migrated by the project's Flyway scripts. */
class StateSnapshotsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    private StateSnapshots snapshots;
    /**
     * The shipped metric-baseline (percentile band and a forest, on one likelihood) but alarming from 2 nines: in the
     * 240 windows of this test its series are young (the band learns 400 values), and the spike must alarm so the
     * restored detector is compared on an alarm and the refractory period after it too.
     */
    private final DetectorDefinition definition = new DetectorConfigLoader().load(new java.io.ByteArrayInputStream("""
            detectors:
              metric-baseline:
                stream: metrics
                feature: mean
                scorers: {percentile: {low: 0.005, high: 0.995, threshold: 2}}
                models: {rcf: {trees: 30, sample-size: 256, shingle: 16}}
                likelihood: {long: 5000, min-values: 100, threshold: 2, refractory: 100, refractory-from: alarm, hold: 2}
            """.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "detectors.yaml").get(0);

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:snapshots-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        snapshots = new StateSnapshots(dataSource);
    }

    private static FeatureVector window(String entity, int minute, double mean) {
        Instant start = T0.plus(Duration.ofMinutes(minute));
        return new FeatureVector("mqtt", entity, new TreeMap<>(), start, start.plus(Duration.ofMinutes(1)), Map.of("mean", mean));
    }

    /** A noisy level with a slow upward drift from minute 150 on and a spike at minute 200, for two sensors. */
    private static double value(String entity, int minute) {
        double noise = ((minute * 7919 + entity.length() * 31) % 17 - 8) / 8.0;
        return 50 + noise + (minute >= 150 ? (minute - 150) * 0.15 : 0) + (minute == 200 ? 30 : 0);
    }

    private static List<Optional<Score>> run(Detector detector, int from, int to) {
        List<Optional<Score>> scores = new ArrayList<>();
        for (int m = from; m < to; m++) {
            for (String entity : List.of("temperature{device=a}", "pressure{device=b}")) {
                scores.add(detector.evaluate(window(entity, m, value(entity, m))));
            }
        }
        return scores;
    }

    @Test
    void aRestoredDetectorScoresExactlyAsOneThatNeverStopped() throws Exception {
        Detector uninterrupted = DetectorFactory.create(definition);
        Detector beforeRestart = DetectorFactory.create(definition);
        run(uninterrupted, 0, 120);
        run(beforeRestart, 0, 120);

        assertThat(snapshots.save(definition.name(), StateSnapshots.of(beforeRestart.states()))).isEqualTo(2);
        assertThat(snapshots.save(MetricStream.modelsKey(definition.name()),
                StateSnapshots.of(beforeRestart.ensemble()))).as("two entities, each with its forest").isEqualTo(2);
        Detector afterRestart = DetectorFactory.create(definition);
        assertThat(snapshots.restore(definition.name(), StateSnapshots.of(afterRestart.states()))).isEqualTo(2);
        assertThat(snapshots.restore(MetricStream.modelsKey(definition.name()),
                StateSnapshots.of(afterRestart.ensemble()))).isEqualTo(2);

        List<Optional<Score>> expected = run(uninterrupted, 120, 240);
        List<Optional<Score>> restored = run(afterRestart, 120, 240);
        assertThat(restored).isEqualTo(expected);
        assertThat(expected).allMatch(Optional::isPresent);
        assertThat(expected).anyMatch(s -> s.get().anomalous());
    }

    @Test
    void aFreshDetectorWithoutSnapshotWarmsUpAgain() throws Exception {
        Detector fresh = DetectorFactory.create(definition);

        assertThat(snapshots.restore(definition.name(), StateSnapshots.of(fresh.states()))).isZero();
        assertThat(fresh.evaluate(window("temperature{device=a}", 0, 50))).isEmpty();
    }

    @Test
    void aSnapshotOfADifferentlyConfiguredDetectorIsNotRestored() throws Exception {
        Detector detector = DetectorFactory.create(definition);
        run(detector, 0, 20);
        snapshots.save(definition.name(), StateSnapshots.of(detector.states()));
        DetectorDefinition seasonal = new DetectorConfigLoader().load(new java.io.ByteArrayInputStream("""
                detectors:
                  metric-baseline:
                    stream: metrics
                    scorers: {seasonal: {period: hour-of-week}}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "detectors.yaml").get(0);
        Detector reconfigured = DetectorFactory.create(seasonal);

        assertThat(snapshots.restore(definition.name(), StateSnapshots.of(reconfigured.states()))).isZero();
        assertThat(reconfigured.states().size()).isZero();
    }

    @Test
    void forestsOfOtherParametersAreNotRestoredWhileTheSeriesAre() throws Exception {
        Detector detector = DetectorFactory.create(definition);
        run(detector, 0, 120);
        snapshots.save(definition.name(), StateSnapshots.of(detector.states()));
        snapshots.save(MetricStream.modelsKey(definition.name()), StateSnapshots.of(detector.ensemble()));
        String reconfigured = """
                detectors:
                  metric-baseline:
                    stream: metrics
                    scorers: %s
                    models: {rcf: {trees: 7}}
                    likelihood: %s
                """.formatted(definition.scorers().stream().map(d -> d.type() + ": " + toFlow(d.parameters()))
                        .collect(java.util.stream.Collectors.joining(", ", "{", "}")), "{}");
        Detector other = DetectorFactory.create(new DetectorConfigLoader().load(new java.io.ByteArrayInputStream(
                reconfigured.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "detectors.yaml").get(0));

        assertThat(snapshots.restore(definition.name(), StateSnapshots.of(other.states()))).isEqualTo(2);
        assertThat(snapshots.restore(MetricStream.modelsKey(definition.name()), StateSnapshots.of(other.ensemble())))
                .as("a forest of 7 trees is not one of the shipped 30").isZero();
        assertThat(other.ensemble().size()).isZero();
    }

    private static String toFlow(Map<String, Object> parameters) {
        return parameters.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }
}
