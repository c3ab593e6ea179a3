package dev.vigil.scoring.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.vigil.contracts.AlertBudget;
import dev.vigil.contracts.config.ConfigException;
import dev.vigil.features.state.DecayingQuantiles;
import dev.vigil.features.state.SeasonalProfile;
import dev.vigil.scoring.Calibration;
import dev.vigil.scoring.Combination;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.RefractoryPeriod;
import dev.vigil.scoring.config.DetectorDefinition.Stream;
import dev.vigil.scoring.model.AnomalyLikelihood;
import dev.vigil.scoring.model.EnsembleSettings;
import dev.vigil.scoring.model.context.ContextKind;
import dev.vigil.scoring.model.knn.KnnKind;
import dev.vigil.scoring.model.rcf.RcfKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorConfigLoaderTest {

    private final DetectorConfigLoader loader = new DetectorConfigLoader();

    private List<DetectorDefinition> load(String yaml) {
        return loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "detectors.yaml");
    }

    private void assertRejected(String yaml, String key, String reason) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith("detectors.yaml: " + key + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void theShippedDefaultsLoadAndBuild() {
        List<DetectorDefinition> defaults = loader.loadDefault();

        assertThat(defaults).extracting(DetectorDefinition::name).containsExactly("metric-baseline", "log-errors",
                "log-template-rates", "log-new-errors", "log-session-counts", "log-session-order");
        DetectorDefinition logs = defaults.get(1);
        assertThat(logs.stream()).isEqualTo(Stream.LOGS);
        assertThat(logs.kind()).isEqualTo(FeatureKind.COUNT);
        assertThat(logs.features()).containsExactly("error_count");
        assertThat(logs.scorers()).extracting(ScorerDefinition::type).containsExactly("robust-z", "cusum");
        assertThat(defaults.get(2).stream()).isEqualTo(Stream.LOG_TEMPLATES);
        assertThat(defaults.get(2).features()).containsExactly("count");
        assertThat(defaults.get(3).model()).isEqualTo(new ModelDefinition.Novelty(java.time.Duration.ofHours(1), 1000));
        assertThat(defaults.get(4).model()).isEqualTo(new ModelDefinition.Invariants(1000, 0.98, 3));
        assertThat(defaults.get(5).model()).isEqualTo(new ModelDefinition.Transitions(1000, 0.1, 13, 10_000));
        for (DetectorDefinition definition : defaults) {
            if (!definition.modelled()) {
                assertThat(DetectorFactory.create(definition).name()).isEqualTo(definition.name());
            }
        }
    }

    @Test
    void fillsDefaultsForWhatIsNotWritten() {
        DetectorDefinition d = load("""
                detectors:
                  temps:
                    stream: metrics
                    scorers: {cusum: {h: 4}, seasonal: ~}
                """).get(0);

        assertThat(d.metrics()).containsExactly("*");
        assertThat(d.features()).containsExactly("mean");
        assertThat(d.kind()).isEqualTo(FeatureKind.GAUGE);
        assertThat(d.baseline().window()).isEqualTo(60);
        assertThat(d.baseline().minValues()).isEqualTo(10);
        assertThat(d.combination().mode()).isEqualTo(Combination.Mode.MAX);
        assertThat(d.scorers().get(0).parameters()).containsEntry("h", 4.0).containsEntry("k", 0.5);
        assertThat(d.scorers().get(1).parameters()).containsEntry("period", "hour-of-day");
    }

    @Test
    void aBudgetGivesAlertsPerDayEntityBudgetsInFileOrderAndAPinTheDetectorStartsWith() {
        DetectorDefinition d = load("""
                detectors:
                  temps:
                    stream: metrics
                    scorers: {robust-z: {}}
                    budget:
                      alerts-per-day: 10
                      entities: {"temperature{*site=plant-1*}": 2, "temperature*": 0.5}
                      pin: 1.5
                """).get(0);

        AlertBudget budget = d.budget();
        assertThat(budget.alertsPerDay()).isEqualTo(10.0);
        assertThat(budget.entities()).extracting(AlertBudget.EntityBudget::glob)
                .containsExactly("temperature{*site=plant-1*}", "temperature*");
        assertThat(budget.entityBudget("temperature{device=b1,site=plant-1}")).get()
                .extracting(AlertBudget.EntityBudget::alertsPerDay).isEqualTo(2.0);
        assertThat(budget.entityBudget("temperature{device=b1,site=plant-2}")).get()
                .extracting(AlertBudget.EntityBudget::alertsPerDay).isEqualTo(0.5);
        assertThat(budget.entityBudget("pressure{site=plant-1}")).isEmpty();
        assertThat(DetectorFactory.create(d).thresholds().detector())
                .isEqualTo(new dev.vigil.contracts.ThresholdFactors.Factor(1.5, dev.vigil.contracts.ThresholdFactors.PINNED_IN_FILE));
        assertThat(load("""
                detectors:
                  temps: {stream: metrics, scorers: {robust-z: {}}}
                """).get(0).budget()).isNull();
    }

    @Test
    void aBudgetIsCheckedKeyByKey() {
        String head = "detectors:\n  temps:\n    stream: metrics\n    scorers: {robust-z: {}}\n";
        assertRejected(head + "    budget: {entities: {a: 1}}\n", "detectors.temps.budget.alerts-per-day", "is required");
        assertRejected(head + "    budget: {alerts-per-day: many}\n", "detectors.temps.budget.alerts-per-day",
                "must be a number, got the string 'many'");
        assertRejected(head + "    budget: {alerts-per-day: 0}\n", "detectors.temps.budget.alerts-per-day",
                "must be between");
        assertRejected(head + "    budget: {alerts-per-day: 5, entities: {\"boiler*\": lots}}\n",
                "detectors.temps.budget.entities.boiler*", "must be a number");
        assertRejected(head + "    budget: {alerts-per-day: 5, pin: -1}\n", "detectors.temps.budget.pin", "must be between");
        assertRejected(head + "    budget: {alerts-per-day: 5, per-day: 3}\n", "detectors.temps.budget.per-day", "unknown key");
    }

    @Test
    void aGroupCombinesItsMetricsAndWatchesExactlyThem() {
        DetectorDefinition d = load("""
                detectors:
                  host-health:
                    stream: metrics
                    group: [requests, errors, latency]
                    baseline: {window: 30, min-values: 5}
                    scorers: {z: {threshold: 3}}
                    combine: {rss: {threshold: 4.5}}
                """).get(0);

        assertThat(d.group()).isTrue();
        assertThat(d.features()).containsExactly("requests", "errors", "latency");
        assertThat(d.metrics()).containsExactly("requests", "errors", "latency");
        assertThat(d.combination()).isEqualTo(Combination.rss(4.5));
        Detector detector = DetectorFactory.create(d);
        assertThat(detector.features()).containsExactly("requests", "errors", "latency");
        assertThat(detector.spec().window()).isEqualTo(30);
    }

    @Test
    void theDetectorAsksItsSeriesForWhatItsScorersRead() {
        DetectorDefinition d = load("""
                detectors:
                  weekly:
                    stream: metrics
                    scorers: {seasonal: {period: hour-of-week}, percentile: {}, cusum: {}}
                """).get(0);

        Detector detector = DetectorFactory.create(d);

        assertThat(detector.spec().statistics()).containsExactly(DecayingQuantiles.KIND, SeasonalProfile.HOUR_OF_WEEK);
        assertThat(detector.spec().scorerSlots()).isPositive();
    }

    @Test
    void namesTheKeyOfEveryMistake() {
        assertRejected("detectors:\n  a:\n    stream: metric\n    scorers: {z: {}}\n", "detectors.a.stream",
                "must be one of [metrics, logs, log-templates, log-sessions, users], got 'metric'");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {zz: {}}\n", "detectors.a.scorers.zz",
                "unknown scorer type, expected one of [z, robust-z, ewma, cusum, seasonal, percentile]");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {threshold: -1}}\n",
                "detectors.a.scorers.z.threshold", "must be between");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {threshold: high}}\n",
                "detectors.a.scorers.z.threshold", "must be a number, got the string 'high'");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {limit: 3}}\n",
                "detectors.a.scorers.z.limit", "unknown key, expected one of [threshold]");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorer: {z: {}}\n", "detectors.a.scorer",
                "unknown key");
        assertRejected("detectors:\n  a:\n    stream: metrics\n", "detectors.a.scorers", "is required");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    baseline: {window: 1}\n    scorers: {z: {}}\n",
                "detectors.a.baseline.window", "must be between 2 and");
        assertRejected("detectors:\n  a:\n    stream: logs\n    group: [x, y]\n    scorers: {z: {}}\n",
                "detectors.a.group", "only a metrics detector selects metrics");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    group: [x]\n    scorers: {z: {}}\n",
                "detectors.a.group", "at least two metrics");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    combine: {rss: {}}\n    scorers: {z: {}}\n",
                "detectors.a.combine", "rss combines several features");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {percentile: {low: 0.9, high: 0.1}}\n",
                "detectors.a.scorers.percentile", "");
        assertRejected("detectors:\n  Bad_Name:\n    stream: metrics\n    scorers: {z: {}}\n", "detectors.Bad_Name",
                "lower-case letters");
        assertRejected("detectorz: {}\n", "detectorz", "unknown key, expected one of [detectors]");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    metrics: []\n    scorers: {z: {}}\n", "detectors.a.metrics",
                "names no metric");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {}}\n    calibrate: {lng: 10}\n",
                "detectors.a.calibrate.lng", "unknown key, expected one of [hold, long, min-values, refractory, refractory-from, short, threshold]");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {}}\n    calibrate: {long: 10, short: 20}\n",
                "detectors.a.calibrate.short", "must not exceed long (10), got 20");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {}}\n    calibrate: {threshold: 0}\n",
                "detectors.a.calibrate.threshold", "must be between");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {}}\n    calibrate: on\n",
                "detectors.a.calibrate", "must be a mapping");
        assertRejected("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {}}\n    calibrate: {refractory-from: start}\n",
                "detectors.a.calibrate.refractory-from", "must be one of [end, alarm], got 'start'");
    }

    @Test
    void logModelsTakeTheirParametersAndDefaults() {
        List<DetectorDefinition> models = load("""
                detectors:
                  news:
                    stream: logs
                    model: {novelty: {period: 30m}}
                  counts:
                    stream: log-sessions
                    model: {invariants: ~}
                  order:
                    stream: log-sessions
                    model: {transitions: {training: 200, limit-bits: 10}}
                """);

        assertThat(models).allMatch(DetectorDefinition::modelled);
        assertThat(models).extracting(DetectorDefinition::model).containsExactly(
                new ModelDefinition.Novelty(java.time.Duration.ofMinutes(30), 1000),
                new ModelDefinition.Invariants(1000, 0.98, 3),
                new ModelDefinition.Transitions(200, 0.1, 10, 10_000));
        assertThatThrownBy(() -> DetectorFactory.create(models.get(1)))
                .hasMessageContaining("judges logs with a invariants model");
    }

    @Test
    void namesTheKeyOfEveryMistakeInALogDetector() {
        assertRejected("detectors:\n  a:\n    stream: log-sessions\n    scorers: {z: {}}\n", "detectors.a.model",
                "is required: sessions are judged by a model");
        assertRejected("detectors:\n  a:\n    stream: logs\n    model: {invariants: {}}\n", "detectors.a.stream",
                "a invariants model reads stream 'log-sessions', got 'logs'");
        assertRejected("detectors:\n  a:\n    stream: log-sessions\n    model: {markov: {}}\n", "detectors.a.model.markov",
                "unknown model, expected one of novelty, invariants, transitions");
        assertRejected("detectors:\n  a:\n    stream: log-sessions\n    model: {invariants: {}, transitions: {}}\n",
                "detectors.a.model", "must name one model");
        assertRejected("detectors:\n  a:\n    stream: log-sessions\n    model: {invariants: {support: 2}}\n",
                "detectors.a.model.invariants.support", "must be between 0.5 and 1.0");
        assertRejected("detectors:\n  a:\n    stream: logs\n    model: {novelty: {period: 0s}}\n",
                "detectors.a.model.novelty.period", "must be positive");
        assertRejected("detectors:\n  a:\n    stream: logs\n    model: {novelty: {}}\n    scorers: {z: {}}\n",
                "detectors.a.scorers", "unknown key, expected one of [model, stream]");
        assertRejected("detectors:\n  a:\n    stream: logs\n    feature: errors\n    scorers: {z: {}}\n",
                "detectors.a.feature", "a logs window has the features [events, error_count, warn_count, error_ratio, "
                        + "warn_ratio, new_templates], got 'errors'");
        assertRejected("detectors:\n  a:\n    stream: log-templates\n    feature: mean\n    scorers: {z: {}}\n",
                "detectors.a.feature", "a log-templates window has the features [count], got 'mean'");
    }

    @Test
    void calibrateIsOffUnlessWrittenAndFillsItsDefaults() {
        assertThat(load("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {}}\n").get(0).calibration()).isNull();
        DetectorDefinition d = load("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {}}\n    calibrate: {short: 3}\n")
                .get(0);
        assertThat(d.calibration()).isEqualTo(new dev.vigil.scoring.Calibration(1000, 3, 100, 4));
        assertThat(load("detectors:\n  a:\n    stream: metrics\n    scorers: {z: {}}\n    calibrate: {refractory: 9, "
                + "refractory-from: alarm, hold: 3}\n").get(0).calibration())
                .isEqualTo(new dev.vigil.scoring.Calibration(1000, 1, 100, 4, 9, 3, dev.vigil.scoring.Calibration.Refractory.ALARM));
        assertThat(DetectorFactory.create(d).calibration()).isEqualTo(d.calibration());
        assertThat(DetectorFactory.create(d).spec().scorerSlots()).isEqualTo(dev.vigil.scoring.Calibration.SLOTS);
    }

    @Test
    void theExampleInTheReadmeIsAValidConfiguration() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        int section = readme.indexOf("### Detectors");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));

        List<DetectorDefinition> example = load(yaml);

        assertThat(example).extracting(DetectorDefinition::name)
                .containsExactly("metric-baseline", "boiler-temperatures", "host-health", "log-errors");
        example.forEach(DetectorFactory::create);
    }

    @Test
    void rejectsWhatIsNotYaml() {
        assertThatThrownBy(() -> load("detectors: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("detectors.yaml: not valid YAML");
        assertThatThrownBy(() -> load(""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void modelsAndTheirLikelihoodAreReadWithTheirDefaults() {
        DetectorDefinition d = load("""
                detectors:
                  hosts:
                    stream: metrics
                    group: ["*"]
                    models: {rcf: {}, knn: {shingle: 4}, context: {order: 6}}
                    likelihood: {}
                """).get(0);

        EnsembleSettings ensemble = d.ensemble();
        assertThat(ensemble.models()).containsExactly(new RcfKind(30, 256, 8, 1.0 / 2560), new KnnKind(4, 5, 400, 200),
                new ContextKind(8, 6, 2000, 4096, 100));
        assertThat(ensemble.likelihood()).isEqualTo(AnomalyLikelihood.defaults());
        assertThat(ensemble.threshold()).isEqualTo(4);
        assertThat(ensemble.refractory()).isEqualTo(new RefractoryPeriod(0, 2, Calibration.Refractory.END));
        assertThat(ensemble.maxEntities()).isEqualTo(10_000);
        assertThat(d.scorers()).as("a detector with models needs no scorers").isEmpty();
        assertThat(ensemble.scorers()).isEmpty();
        assertThat(d.openGroup()).isTrue();
        assertThat(d.multivariate()).isTrue();
        Detector detector = DetectorFactory.create(d);
        assertThat(detector.features()).isSameAs(Detector.EVERY_FEATURE);
        assertThat(detector.ensemble()).isNotNull();
    }

    @Test
    void aLikelihoodAloneJudgesTheScorersOnOneScale() {
        DetectorDefinition d = load("""
                detectors:
                  temps:
                    stream: metrics
                    scorers: {robust-z: {}, percentile: {}}
                    likelihood: {scorers: [percentile], long: 500, short: 2, min-values: 20, threshold: 5,
                                 refractory: 10, refractory-from: alarm}
                """).get(0);

        assertThat(d.ensemble().scorers()).containsExactly("percentile");

        assertThat(d.ensemble().models()).isEmpty();
        assertThat(d.ensemble().likelihood()).isEqualTo(new AnomalyLikelihood(500, 2, 20));
        assertThat(d.ensemble().refractory()).isEqualTo(new RefractoryPeriod(10, 2, Calibration.Refractory.ALARM));
        assertThat(d.multivariate()).isFalse();
    }

    @Test
    void rejectsModelsItCannotBuild() {
        String head = """
                detectors:
                  temps:
                    stream: metrics
                """;
        assertRejected(head + "    models: {gbm: {}}\n", "detectors.temps.models.gbm", "unknown model, expected one of [rcf, knn, context]");
        assertRejected(head + "    models: {rcf: {trees: 0}}\n", "detectors.temps.models.rcf.trees", "must be between 1");
        assertRejected(head + "    models: {knn: {neighbours: 50, training: 10}}\n", "detectors.temps.models.knn",
                "neighbours <= training");
        assertRejected(head + "    models: {context: {levels: 1}}\n", "detectors.temps.models.context.levels",
                "must be between 2");
        assertRejected(head + "    models: {rcf: {}}\n    calibrate: {}\n", "detectors.temps.calibrate",
                "the likelihood is its calibration");
        assertRejected(head + "    models: {rcf: {}}\n    likelihood: {long: 10, short: 20}\n",
                "detectors.temps.likelihood.short", "must not exceed long");
        assertRejected(head + "    scorers: {z: {}}\n    likelihood: {scorers: [cusum]}\n",
                "detectors.temps.likelihood.scorers", "'cusum', which is not one of the detector's scorers [z]");
        assertRejected(head + "    group: ['*']\n    models: {rcf: {}}\n    combine: {rss: {threshold: 4}}\n",
                "detectors.temps.combine", "not by rss");
        assertRejected("""
                detectors:
                  errors:
                    stream: logs
                    models: {rcf: {}}
                """, "detectors.errors.models", "judge metric windows only");
        assertRejected("""
                detectors:
                  a-detector-whose-name-is-too-long-for-its-models-to-be-saved:
                    stream: metrics
                    models: {rcf: {}}
                """, "detectors.a-detector-whose-name-is-too-long-for-its-models-to-be-saved", "at most 56");
    }
}
