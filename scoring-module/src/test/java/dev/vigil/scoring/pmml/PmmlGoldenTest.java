package dev.vigil.scoring.pmml;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.pmml.TestModels.inputs;
import static dev.vigil.scoring.pmml.TestModels.readCsv;
import static dev.vigil.scoring.pmml.TestModels.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every test row of every reference model, scored by Vigil, against the values scikit-learn computed itself. The
 * tolerance is the models README's: 1e-9 absolute on scores, distances and probabilities, 1e-9 relative on
 * squared k-means distances (they reach the hundreds); labels, clusters and outlier flags exactly.
 */
class PmmlGoldenTest {

    private static final double TOLERANCE = 1e-9;
    /** IsolationForest.offset_ as fitted; decision_function = score_samples - offset_ */
    private static final double IFOREST_OFFSET = -0.5694535034609621;
    /** OneClassSVM: score_samples = decision_function + offset_ */
    private static final double OCSVM_OFFSET = 1.5522430921050259;

    @Test
    void isolationForestMatchesScikitLearnOnEveryRow() {
        PmmlModel model = PmmlModel.load(resource("iforest_userbehaviour.pmml"));
        assertThat(model.kind()).isEqualTo("isolation forest");
        MaxDiff diff = new MaxDiff();
        forEachRow(model, "userbehaviour_test.csv", "golden_iforest_userbehaviour.csv", (result, golden) -> {
            Map<String, Object> out = result.outputs();
            double decision = (Double) out.get("decisionFunction");
            diff.check(result.score(), golden, "anomaly_score");
            diff.check(-result.score(), golden, "score_samples");
            diff.check(decision, golden, "decision_function");
            diff.check(decision + IFOREST_OFFSET, golden, "score_samples");
            // the model's own boundary is sklearn's -offset_ on every row, and it separates exactly its outliers
            diff.check(result.boundary(), -IFOREST_OFFSET, "boundary");
            assertThat(result.score() >= result.boundary()).isEqualTo(Boolean.parseBoolean(golden.get("outlier")));
            assertThat(out.get("outlier")).isEqualTo(Boolean.parseBoolean(golden.get("outlier")));
            assertThat(out.get("predict(outlier)")).isEqualTo(Integer.parseInt(golden.get("predict")));
        });
        diff.report(model);
    }

    /**
     * The Isolation Forest of milling machines' windows (train_machine_health.py: scikit-learn 1.9.1 fitted on what
     * export-features wrote of a metric detector's windows, its trees written to PMML by the script), on the training
     * windows and as many with a loose bearing: scikit-learn's own score_samples and decision_function.
     */
    @Test
    void metricWindowsIsolationForestMatchesScikitLearnOnEveryRow() {
        PmmlModel model = PmmlModel.load(resource("machine-health.pmml"));
        assertThat(model.kind()).isEqualTo("isolation forest");
        assertThat(model.version()).isEqualTo("1");
        MaxDiff diff = new MaxDiff();
        int[] outliers = {0};
        forEachRow(model, "machine_test.csv", "golden_machine_health.csv", 700, (result, golden) -> {
            double decision = (Double) result.outputs().get("decisionFunction");
            diff.check(result.score(), golden, "anomaly_score");
            diff.check(decision, golden, "decision_function");
            // contamination 'auto': sklearn's offset_ is -0.5, so the model's own boundary is 0.5 on every row
            diff.check(result.boundary(), 0.5, "boundary");
            outliers[0] += decision < 0 ? 1 : 0;
        });
        diff.report(model);
        assertThat(outliers[0]).as("the loose bearings' windows are outliers").isGreaterThan(100);
    }

    @Test
    void oneClassSvmMatchesScikitLearnOnEveryRow() {
        PmmlModel model = PmmlModel.load(resource("ocsvm_userbehaviour.pmml"));
        assertThat(model.kind()).isEqualTo("one-class SVM");
        MaxDiff diff = new MaxDiff();
        forEachRow(model, "userbehaviour_test.csv", "golden_ocsvm_userbehaviour.csv", (result, golden) -> {
            double decision = (Double) result.outputs().get("decisionFunction");
            diff.check(decision, golden, "decision_function");
            diff.check(decision + OCSVM_OFFSET, golden, "score_samples");
            // the documented map, applied to sklearn's own decision function
            diff.check(result.score(), 1 / (1 + Math.exp(Double.parseDouble(golden.get("decision_function")))),
                    "score");
            int predict = Integer.parseInt(golden.get("predict"));
            assertThat(result.outputs().get("predict(outlier)")).isEqualTo(predict);
            assertThat(result.score() > 0.5).isEqualTo(predict == -1);
        });
        diff.report(model);
    }

    @Test
    void kMeansMatchesScikitLearnOnEveryRow() {
        PmmlModel model = PmmlModel.load(resource("kmeans_userbehaviour.pmml"));
        assertThat(model.kind()).isEqualTo("k-means");
        MaxDiff diff = new MaxDiff();
        forEachRow(model, "userbehaviour_test.csv", "golden_kmeans_userbehaviour.csv", (result, golden) -> {
            Map<String, Object> out = result.outputs();
            String cluster = golden.get("cluster");
            assertThat(out.get("cluster")).isEqualTo(cluster);
            for (int k = 0; k < 4; k++) {
                diff.check(Math.sqrt((Double) out.get("affinity(" + k + ")")), golden, "distance_" + k);
            }
            double squared = (Double) out.get("affinity(" + cluster + ")");
            double expectedSquared = Double.parseDouble(golden.get("sq_distance"));
            assertThat(squared).isCloseTo(expectedSquared, within(TOLERANCE * expectedSquared));
            diff.record("sq_distance (relative)", Math.abs(squared - expectedSquared) / expectedSquared);
            diff.check(Math.sqrt(squared), golden, "distance");
            double distance = Double.parseDouble(golden.get("distance"));
            diff.check(result.score(), distance / (1 + distance), "score");
        });
        diff.report(model);
    }

    @Test
    void gradientBoostingMatchesScikitLearnOnEveryRow() {
        classifierMatches("gbc_incident.pmml", "golden_gbc_incident.csv");
    }

    @Test
    void logisticRegressionMatchesScikitLearnOnEveryRow() {
        classifierMatches("logreg_incident.pmml", "golden_logreg_incident.csv");
    }

    private static void classifierMatches(String modelFile, String goldenFile) {
        PmmlModel model = PmmlModel.load(resource(modelFile));
        assertThat(model.kind()).isEqualTo("classifier");
        MaxDiff diff = new MaxDiff();
        forEachRow(model, "incident_test.csv", goldenFile, (result, golden) -> {
            Map<String, Object> out = result.outputs();
            double p0 = (Double) out.get("probability(0)");
            double p1 = (Double) out.get("probability(1)");
            diff.check(result.score(), golden, "proba_1");
            diff.check(p0, golden, "proba_0");
            diff.check(p1, golden, "proba_1");
            assertThat(result.score() > result.boundary()).isEqualTo(golden.get("predict").equals("1"));
            diff.check(Math.log(p1 / p0), golden, "decision_function");
            assertThat(out.get("y")).isEqualTo(Integer.parseInt(golden.get("predict")));
        });
        diff.report(model);
    }

    private interface RowCheck {
        void check(PmmlResult result, Map<String, String> golden);
    }

    private static void forEachRow(PmmlModel model, String rowsFile, String goldenFile, RowCheck check) {
        forEachRow(model, rowsFile, goldenFile, 300, check);
    }

    private static void forEachRow(PmmlModel model, String rowsFile, String goldenFile, int size, RowCheck check) {
        List<Map<String, String>> rows = readCsv(resource(rowsFile));
        List<Map<String, String>> golden = readCsv(resource(goldenFile));
        assertThat(golden).hasSameSizeAs(rows).hasSize(size);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            assertThat(golden.get(i).get("row_id")).isEqualTo(row.get("row_id"));
            PmmlResult result = model.score("row " + row.get("row_id"), inputs(model, row));
            assertThat(result.score()).isBetween(0.0, 1.0);
            check.check(result, golden.get(i));
        }
    }

    /** Asserts each value and keeps the largest absolute difference per golden column, for the report. */
    private static final class MaxDiff {
        private final Map<String, Double> max = new TreeMap<>();

        void check(double actual, Map<String, String> golden, String column) {
            check(actual, Double.parseDouble(golden.get(column)), column);
        }

        void check(double actual, double expected, String column) {
            assertThat(actual).as(column).isCloseTo(expected, within(TOLERANCE));
            record(column, Math.abs(actual - expected));
        }

        void record(String column, double difference) {
            max.merge(column, difference, Math::max);
        }

        void report(PmmlModel model) {
            // printed so a build log shows how close Vigil is to scikit-learn, not only that it is within 1e-9
            System.out.println("golden " + model.name() + " max abs diff " + max);
        }
    }
}
