package dev.vigil.scoring.config;

import java.util.List;

import dev.vigil.contracts.AlertBudget;
import dev.vigil.contracts.config.Globs;
import dev.vigil.scoring.BaselineSettings;
import dev.vigil.scoring.Calibration;
import dev.vigil.scoring.Combination;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.model.EnsembleSettings;
import dev.vigil.scoring.users.UserDetectorDefinition;

/**
 * One detector as the configuration describes it: what it watches, how much it remembers, how it scores.
 *
 * @param name        unique, used in fingerprints, metrics and alerts
 * @param stream      which kind of window it scores
 * @param metrics     for {@link Stream#METRICS}: glob patterns on the metric name of the series it watches
 * @param features    the window features it scores; for a group, the member metrics whose window means it combines,
 *                    or globs of them ({@code ["*"]}: every metric the detector watches)
 * @param group       whether {@code features} are metrics of one entity combined in one window (same tags)
 * @param kind        what kind of number the features are, which floors the spread
 * @param baseline    how much each series remembers
 * @param scorers     the scorers, in file order
 * @param combination how per-feature findings become one score
 * @param calibration how each feature's findings are calibrated against its series' own history, or {@code null}
 * @param budget      the alerts per day the alert-budget tuning holds it to, or {@code null}: its threshold stays
 * @param model       for a log detector that judges with a model of its own (novelty, session invariants or order)
 *                    instead of scorers on a series: that model; {@code null} for a series detector
 * @param ensemble    for a metrics detector with model-backed detectors ({@code models}) or a {@code likelihood}: how
 *                    each entity's members are judged on one scale; {@code null} otherwise
 * @param pmml        for a metrics detector, a PMML model from the models folder that judges each window's named
 *                    features ({@code model: {file: ...}}), beside or instead of the scorers; {@code null} for none
 */
public record DetectorDefinition(String name, Stream stream, List<String> metrics, List<String> features, boolean group,
        FeatureKind kind, BaselineSettings baseline, List<ScorerDefinition> scorers, Combination combination,
        Calibration calibration, AlertBudget budget, ModelDefinition model, EnsembleSettings ensemble,
        UserDetectorDefinition.Model pmml) {

    public DetectorDefinition {
        metrics = List.copyOf(metrics);
        features = List.copyOf(features);
        scorers = List.copyOf(scorers);
    }

    /** A series detector: its scorers judge each feature against the series' own history. */
    public DetectorDefinition(String name, Stream stream, List<String> metrics, List<String> features, boolean group,
            FeatureKind kind, BaselineSettings baseline, List<ScorerDefinition> scorers, Combination combination,
            Calibration calibration) {
        this(name, stream, metrics, features, group, kind, baseline, scorers, combination, calibration, null, null, null, null);
    }

    /**
     * Whether it judges all of an entity's features together (a group, or a model over every feature): a replayed
     * row's metrics are then one entity; otherwise each feature could as well be judged alone.
     */
    public boolean multivariate() {
        return group || ensemble != null && ensemble.models().stream().anyMatch(m -> m.multivariate());
    }

    /**
     * Whether it is a group of whichever metrics of an entity its globs match ({@code group: ["*"]}: every metric with
     * the same tags), so each entity's features are the metrics it sends, not a list fixed in the file.
     */
    public boolean openGroup() {
        return group && features.stream().anyMatch(Globs::isPattern);
    }

    /** Whether it judges with a model of its own rather than with scorers on a series. */
    public boolean modelled() {
        return model != null;
    }

    /** The windows a detector reads. */
    public enum Stream {
        /** Windows of a metric series (MQTT readings, CSV files): features {@code mean, min, max, last, count}. */
        METRICS,
        /** Windows of a service's log events: {@code events, error_count, warn_count, error_ratio, warn_ratio, new_templates}. */
        LOGS,
        /** Windows of one log template of a service: feature {@code count}, 0 in a window without its lines. */
        LOG_TEMPLATES,
        /** A service's log sessions (lines sharing an id), each closed after an idle timeout: models only. */
        LOG_SESSIONS,
        /**
         * Windows of a user or a client address, from user and authentication events: judged by a
         * {@link dev.vigil.scoring.users.UserDetectorDefinition users detector}, never by a definition of this type.
         */
        USERS
    }
}
