package dev.vigil.scoring.model;

import java.util.List;

import dev.vigil.scoring.RefractoryPeriod;

/**
 * How a detector judges each entity with several members on one scale: each of its scorers on each feature and each of
 * its model-backed detectors, each turned into a likelihood, combined.
 *
 * @param scorers     the detector's scorers that are members, by name; the others judge only raw (an entity until
 *                    every member has its history, and as evidence in the explanation)
 * @param models      the model-backed detectors, in file order
 * @param likelihood  how each member's raw score becomes its surprise
 * @param threshold   the combined surprise, in nines, at which a window is anomalous (4: a tail of 1 in 10,000)
 * @param refractory  what follows an alarm
 * @param maxEntities entities with members of their own at once; further ones are judged by their scorers' raw
 *                    findings alone until an idle entity is forgotten
 */
public record EnsembleSettings(List<String> scorers, List<ModelKind> models, AnomalyLikelihood likelihood,
        double threshold, RefractoryPeriod refractory, int maxEntities) {

    public static final double DEFAULT_THRESHOLD = 4;
    public static final int DEFAULT_MAX_ENTITIES = 10_000;

    public EnsembleSettings {
        scorers = List.copyOf(scorers);
        models = List.copyOf(models);
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("a likelihood threshold is a positive number of nines, got " + threshold);
        }
        if (maxEntities < 1) {
            throw new IllegalArgumentException("an ensemble keeps at least 1 entity, got " + maxEntities);
        }
        if (models.stream().map(ModelKind::name).distinct().count() != models.size()) {
            throw new IllegalArgumentException("each model kind at most once, got " + models.stream().map(ModelKind::name).toList());
        }
    }

    /** Everything the snapshot's validity depends on, at most 200 characters. */
    String spec() {
        StringBuilder spec = new StringBuilder("ensemble1 scorers=").append(String.join("+", scorers)).append(" lik=")
                .append(likelihood.longValues()).append('/').append(likelihood.shortValues()).append('/')
                .append(likelihood.minValues()).append(" ref=").append(refractory.values()).append('/')
                .append(refractory.hold()).append('/').append(refractory.from());
        models.forEach(m -> spec.append(' ').append(m.spec()));
        if (spec.length() <= 200) {
            return spec.toString();
        }
        return spec.substring(0, 150) + " #" + Integer.toHexString(spec.toString().hashCode());
    }
}
