package dev.vigil.feedback.tuning;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.Fingerprint;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.TestConfigs;
import dev.vigil.feedback.TestDatabase;
import dev.vigil.feedback.TestDetectors;
import dev.vigil.feedback.history.HistoryReader;
import dev.vigil.feedback.history.HistoryStore;
import dev.vigil.feedback.history.ScoredWindow;
import dev.vigil.feedback.store.AlertVerdicts;
import dev.vigil.feedback.tuning.BudgetTuner.Outcome;
import dev.vigil.feedback.tuning.BudgetTuner.Status;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tuner's choices on stored windows of known ratios: entity budgets, the step bound, pins, too little history. */
class BudgetTunerTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String DETECTORS = """
            detectors:
              plant:
                stream: metrics
                scorers: {robust-z: {}}
                budget: {alerts-per-day: 1, entities: {"special*": 4}}
              young:
                stream: metrics
                scorers: {robust-z: {}}
                budget: {alerts-per-day: 1}
            """;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private DataSource db;
    private LiveDetectors detectors;
    private Thresholds thresholds;
    private BudgetTuner tuner;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.migrated();
        List<LiveDetector> all = new DetectorConfigLoader()
                .load(new ByteArrayInputStream(DETECTORS.getBytes(StandardCharsets.UTF_8)), "detectors.yaml").stream()
                .map(TestDetectors::live).toList();
        detectors = () -> all;
        thresholds = new Thresholds(new ThresholdLog(db), detectors);
        tuner = new BudgetTuner(new HistoryReader(db, json), new AlertVerdicts(db, json), thresholds, detectors,
                TestConfigs.tuning(), new AlertingConfigLoader(List.of("console")).loadDefault(), 2, 3, 3);
        HistoryStore store = new HistoryStore(db, json);
        store.insert(hourly("plant", "special-1", 72, 8, 1.5));  // 9 bursts in 71 h: 3.0/day, budget 4
        store.insert(hourly("plant", "plain-1", 72, 6, 5));      // 12 bursts far beyond any factor within x2
        store.insert(hourly("plant", "plain-2", 72, 6, 5));
        store.insert(hourly("young", "plain-1", 5, 2, 5));       // five hours of history
    }

    /** Hourly windows of ratio 0.2, with a burst of two windows at {@code ratio} every {@code every} hours. */
    private static List<ScoredWindow> hourly(String detector, String entity, int hours, int every, double ratio) {
        List<ScoredWindow> rows = new ArrayList<>();
        TreeMap<String, String> labels = new TreeMap<>(Map.of("site", "a"));
        for (int h = 0; h < hours; h++) {
            double r = h % every == 1 || h % every == 2 ? ratio : 0.2;
            rows.add(new ScoredWindow(detector, "mqtt", entity, Fingerprint.of(detector, "mqtt", entity, labels), labels,
                    T0.plus(Duration.ofHours(h)), r / (1 + r), r >= 1, r, 1, "robust-z", "mean", 1, 1, 1,
                    new TreeMap<>(Map.of("mean", 1.0))));
        }
        return rows;
    }

    @Test
    void anEntityWithItsOwnBudgetIsTunedApartAndAFactorMovesNoFurtherThanOneStepPerRun() throws Exception {
        List<Outcome> outcomes = tuner.tune("plant");

        assertThat(outcomes).hasSize(2);
        Outcome plant = outcomes.get(0);
        assertThat(plant.entity()).isEqualTo(ThresholdChange.DETECTOR);
        assertThat(plant.status()).isEqualTo(Status.CHANGED);
        assertThat(plant.newFactor()).isEqualTo(2.0);
        assertThat(plant.alertsPerDayBefore()).isCloseTo(24 / (71 / 24.0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(plant.reason()).contains("still over budget, a run moves at most ×2");
        Outcome special = outcomes.get(1);
        assertThat(special.entity()).isEqualTo("special-1");
        assertThat(special.status()).isEqualTo(Status.KEPT);
        assertThat(special.alertsPerDayBefore()).isCloseTo(9 / (71 / 24.0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(special.reason()).endsWith("within budget");
        assertThat(thresholds.inForce("plant", "plain-1").value()).isEqualTo(2.0);
        assertThat(thresholds.inForce("plant", "special-1").value()).as("its own, untouched").isEqualTo(2.0);
    }

    @Test
    void aPinnedFactorAndADetectorWithTooLittleHistoryAreLeftAlone() throws Exception {
        thresholds.set("plant", ThresholdChange.DETECTOR, 1.2, true, "by hand", "api:ops");

        List<Outcome> outcomes = tuner.tuneAll();

        assertThat(outcomes).extracting(Outcome::detector, Outcome::entity, Outcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("plant", "", Status.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("plant", "special-1", Status.KEPT),
                org.assertj.core.groups.Tuple.tuple("young", "", Status.SKIPPED));
        assertThat(outcomes.get(0).reason()).isEqualTo("its factor is pinned");
        assertThat(outcomes.get(2).reason()).startsWith("only 4.0 h of score history, tuning needs PT24H");
        assertThat(thresholds.inForce("plant", ThresholdChange.DETECTOR).value()).isEqualTo(1.2);
    }
}
