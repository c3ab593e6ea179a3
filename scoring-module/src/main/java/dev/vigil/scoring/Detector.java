package dev.vigil.scoring;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.vigil.features.FeatureVector;
import dev.vigil.features.baseline.BaselineStats;

/**
 * A named set of scorers applied to one feature. Every scorer scores the window; the strongest finding decides the
 * score and leads the explanation, so several scorers that agree on one incident still give one score per window.
 */
public final class Detector {

    private final String name;
    private final String feature;
    private final FeatureKind kind;
    private final int minBaseline;
    private final List<Scorer> scorers;

    /**
     * @param minBaseline windows the baseline needs before this detector scores; earlier windows only teach it
     */
    public Detector(String name, String feature, FeatureKind kind, int minBaseline, List<Scorer> scorers) {
        if (scorers.isEmpty()) {
            throw new IllegalArgumentException("detector " + name + " has no scorer");
        }
        this.name = name;
        this.feature = feature;
        this.kind = kind;
        this.minBaseline = minBaseline;
        this.scorers = List.copyOf(scorers);
    }

    public String name() {
        return name;
    }

    public String feature() {
        return feature;
    }

    /**
     * Scores a closed window against the baseline it had before this window.
     *
     * @return empty while the baseline is still warming up
     */
    public Optional<Score> evaluate(FeatureVector window, BaselineStats baseline) {
        if (baseline.count() < minBaseline) {
            return Optional.empty();
        }
        double value = window.feature(feature);
        ScoringInput input = new ScoringInput(window.source(), window.entity(), window.labels(), window.windowEnd(),
                feature, value, baseline, baseline.robustScale(kind.scaleFloor(baseline)));
        List<Finding> findings = scorers.stream()
                .map(scorer -> scorer.score(input))
                .sorted(Comparator.comparingDouble(Finding::ratio).reversed())
                .toList();
        Finding strongest = findings.get(0);
        return Optional.of(new Score(name, window.source(), window.entity(), window.labels(), window.windowEnd(),
                Score.normalise(strongest.ratio()), Score.THRESHOLD, strongest.anomalous(),
                new Explanation(feature, value, baseline.median(), input.scale(), findings)));
    }
}
