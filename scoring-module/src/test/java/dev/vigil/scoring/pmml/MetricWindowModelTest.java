package dev.vigil.scoring.pmml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.config.ConfigException;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A metrics detector's {@code model:} block: a group's window, its members' statistics and the deltas the detector
 * adds, judged by the machine-health Isolation Forest through the users detectors' own model code (slot, mapping,
 * errors, finding).
 */
class MetricWindowModelTest {

    private static final String DETECTORS = """
            detectors:
              machine-health:
                stream: metrics
                group: [vibration, spindle_current, bearing_temperature]
                baseline: {min-values: 5}
                model: {file: machine-health.pmml, threshold: 0.585}
            """;
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final String ENTITY = "machine-health{device=mill-1,site=plant-1}";

    @TempDir
    Path models;

    private final List<String> problems = new ArrayList<>();

    /**
     * The windows of mill-1 that export-features wrote (the model's training rows), fed again: the detector computes
     * the same deltas the export recorded, and its model's score of each is scikit-learn's own (the golden file); then
     * a window of a loose bearing.
     */
    @Test
    void theModelJudgesEachWindowsStatisticsAndDeltasAsScikitLearnDoes() throws Exception {
        Detector detector = detector();
        List<Map<String, String>> exported = TestModels.readCsv(TestModels.resource("machine_features.csv"));
        List<Map<String, String>> golden = TestModels.readCsv(TestModels.resource("golden_machine_health.csv"));
        String mill1 = "machine-health{device=mill-1,site=plant-1}";
        int judged = 0;
        Map<String, Double> last = null;
        for (int row = 0; row < exported.size(); row++) {
            if (!exported.get(row).get("entity").equals(mill1)) {
                continue;
            }
            Map<String, Double> features = new HashMap<>();
            exported.get(row).forEach((column, cell) -> {
                if (column.startsWith("vibration") || column.startsWith("spindle") || column.startsWith("bearing")) {
                    features.put(column, Double.parseDouble(cell));
                }
            });
            last = features;
            Map<String, Double> window = new HashMap<>(features);
            window.keySet().removeIf(name -> name.endsWith("_delta"));
            Optional<Score> score = detector.evaluate(window(row, window));
            if (score.isEmpty()) {
                continue; // the detector's own warm-up: five windows
            }
            judged++;
            for (String metric : List.of("vibration", "spindle_current", "bearing_temperature")) {
                assertThat(score.get().features().get(metric + "_delta")).as("row %d %s", row + 1, metric)
                        .isEqualTo(features.get(metric + "_delta"));
            }
            assertThat(modelScore(score.get())).as("row %d", row + 1)
                    .isCloseTo(Double.parseDouble(golden.get(row).get("anomaly_score")), within(1e-9));
        }
        assertThat(judged).isEqualTo(175 - 5);

        Map<String, Double> loose = new HashMap<>(last);
        loose.keySet().removeIf(name -> name.endsWith("_delta"));
        loose.put("vibration_max", loose.get("vibration") + 1.2);
        loose.put("vibration_min", loose.get("vibration") - 1.2);
        loose.put("spindle_current_max", loose.get("spindle_current") + 3);
        loose.put("spindle_current_min", loose.get("spindle_current") - 3);
        Score score = detector.evaluate(window(exported.size(), loose)).orElseThrow();
        assertThat(score.anomalous()).as("model score %s", modelScore(score)).isTrue();
        String sha256 = PmmlModel.sha256(Files.readAllBytes(TestModels.resource("machine-health.pmml")));
        assertThat(score.explanation().findings().get(0).description())
                .startsWith("isolation forest machine-health.pmml (version 1, sha256 " + sha256 + "): anomaly score ")
                .endsWith("limit 0.585 (configured)");
        assertThat(score.explanation().evidence()).anySatisfy(e -> assertThat(e).contains("vibration_max="));
        assertThat(problems).isEmpty();
    }

    private static double modelScore(Score score) {
        return score.explanation().findings().stream().filter(f -> f.scorer().equals("model")).findFirst()
                .orElseThrow().statistic();
    }

    @Test
    void aWindowWithoutAMemberIsReportedByNameAndNotJudgedByTheModel() throws Exception {
        Detector detector = detector();
        for (int minute = 0; minute < 6; minute++) {
            detector.evaluate(window(minute, 0.1, 0.2));
        }
        Map<String, Double> features = new HashMap<>(window(6, 0.1, 0.2).features());
        features.keySet().removeIf(name -> name.startsWith("spindle_current"));
        Optional<Score> score = detector.evaluate(new FeatureVector("mqtt", ENTITY, new TreeMap<>(), T0.plusSeconds(360),
                T0.plusSeconds(420), features));
        assertThat(problems).singleElement().asString().startsWith("machine-health model " + ENTITY
                + ": Cannot score " + ENTITY + " with machine-health.pmml: feature 'spindle_current_delta' is missing");
        assertThat(score).as("a detector judged by its model alone says nothing then").isEmpty();
    }

    @Test
    void theMappingNamesOnlyFeaturesTheWindowsHave() {
        String file = DETECTORS.replace("threshold: 0.585}", "inputs: {vibration_p99: v}}");
        assertThatThrownBy(() -> new DetectorConfigLoader().load(new ByteArrayInputStream(file.getBytes(
                StandardCharsets.UTF_8)), "detectors.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detectors.machine-health.model.inputs.vibration_p99")
                .hasMessageContaining("'vibration_p99' is not a feature of this detector's windows; they have [vibration,"
                        + " vibration_min, vibration_max, vibration_last, vibration_count, spindle_current,");
    }

    private Detector detector() throws Exception {
        Files.copy(TestModels.resource("machine-health.pmml"), models.resolve("machine-health.pmml"));
        DetectorDefinition definition = new DetectorConfigLoader().load(new ByteArrayInputStream(
                DETECTORS.getBytes(StandardCharsets.UTF_8)), "detectors.yaml").get(0);
        Detector detector = DetectorFactory.create(definition, models,
                (name, scorer, entity, message) -> problems.add(name + " " + scorer + " " + entity + ": " + message));
        assertThat(detector.model().orElseThrow().slot().load().orElseThrow().outcome())
                .isEqualTo(ModelSlot.Outcome.LOADED);
        return detector;
    }

    private static FeatureVector window(int minute, Map<String, Double> features) {
        Instant start = T0.plus(Duration.ofMinutes(minute));
        return new FeatureVector("mqtt", ENTITY, new TreeMap<>(), start, start.plus(Duration.ofMinutes(1)), features);
    }

    /**
     * A group window of three readings per member, each mean a little above the last; vibration and current swing
     * about their means by as much as given.
     */
    private static FeatureVector window(int minute, double vibrationSwing, double currentSwing) {
        Map<String, Double> features = new HashMap<>();
        member(features, "vibration", 2.0 + 0.01 * minute, vibrationSwing);
        member(features, "spindle_current", 12 + 0.01 * minute, currentSwing);
        member(features, "bearing_temperature", 55 + 0.01 * minute, 0.1);
        Instant start = T0.plus(Duration.ofMinutes(minute));
        return new FeatureVector("mqtt", ENTITY, new TreeMap<>(Map.of("device", "mill-1", "site", "plant-1")), start,
                start.plus(Duration.ofMinutes(1)), features);
    }

    private static void member(Map<String, Double> features, String metric, double mean, double swing) {
        features.put(metric, mean);
        features.put(metric + "_min", mean - swing);
        features.put(metric + "_max", mean + swing);
        features.put(metric + "_last", mean);
        features.put(metric + "_count", 3.0);
    }
}
