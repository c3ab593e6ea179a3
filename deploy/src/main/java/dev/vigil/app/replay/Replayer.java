package dev.vigil.app.replay;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;

/**
 * Runs one table through the code the live pipeline runs: a detector built from the same definition (its state
 * fresh for every file) and the same alert lifecycle, with the alerting file's cooldown, flapping and severity. Each row is one closed window of the file's one entity, whose
 * features are the row's metric columns: historical data already has one point per step, so it is not windowed again.
 */
final class Replayer {

    static final String SOURCE = "replay";

    private final DetectorDefinition definition;
    private final ConfirmationPolicy policy;
    private final AlertingConfig alerting;

    Replayer(DetectorDefinition definition, ConfirmationPolicy policy, AlertingConfig alerting) {
        this.definition = definition;
        this.policy = policy;
        this.alerting = alerting;
    }

    /** What replay made of each row, in row order. */
    record Result(double[] scores, boolean[] alerts, int alertCount) {
    }

    Result replay(ReplayTable table, String entity, ProgressBar progress) {
        Detector detector = DetectorFactory.create(definition, table.metrics());
        AlertLifecycle lifecycle = new AlertLifecycle(policy, alerting.lifecycle(), alerting.severity());
        Set<String> fired = new HashSet<>();
        List<ReplayTable.Row> rows = table.rows();
        double[] scores = new double[rows.size()];
        boolean[] alerts = new boolean[rows.size()];
        int alertCount = 0;
        TreeMap<String, String> labels = new TreeMap<>();
        for (int r = 0; r < rows.size(); r++) {
            ReplayTable.Row row = rows.get(r);
            Map<String, Double> features = row.features(table.metrics());
            if (features.isEmpty()) {
                continue;
            }
            Optional<Score> score = detector.evaluate(
                    new FeatureVector(SOURCE, entity, labels, row.timestamp(), row.timestamp(), features));
            if (score.isPresent()) {
                scores[r] = score.get().score();
                // a new incident, not an upgrade or a flapping notice of one already told
                alerts[r] = lifecycle.onScore(score.get())
                        .filter(a -> a.status() == AlertStatus.FIRING && fired.add(a.id())).isPresent();
                alertCount += alerts[r] ? 1 : 0;
            }
            if ((r & 1023) == 1023) {
                progress.advance(1024, entity);
            }
        }
        progress.advance(rows.size() & 1023, entity);
        return new Result(scores, alerts, alertCount);
    }
}
