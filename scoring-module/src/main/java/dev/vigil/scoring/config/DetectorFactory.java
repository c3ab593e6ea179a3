package dev.vigil.scoring.config;

import java.util.List;

import dev.vigil.contracts.ThresholdFactors;
import dev.vigil.scoring.Combination;
import dev.vigil.scoring.Detector;

/** Builds the {@link Detector} a definition describes, with the threshold factor its budget pins, if any. */
public final class DetectorFactory {

    private static final ScorerCatalogue CATALOGUE = new ScorerCatalogue();

    private DetectorFactory() {
    }

    /** A detector on the definition's own features; an open group's detector takes each window's features. */
    public static Detector create(DetectorDefinition definition) {
        return create(definition, definition.openGroup() ? Detector.EVERY_FEATURE : definition.features());
    }

    /**
     * A detector on other features, for data whose columns are named by the data itself (replayed CSV): the
     * definition's scorers, memory and combination, with {@code rss} only where there is more than one feature.
     */
    public static Detector create(DetectorDefinition definition, List<String> features) {
        if (definition.modelled()) {
            throw new IllegalArgumentException("detector " + definition.name() + " judges logs with a "
                    + definition.model().kind() + " model, not with scorers on a series");
        }
        Detector detector = new Detector(definition.name(), features, definition.kind(), definition.baseline(),
                definition.scorers().stream().map(CATALOGUE::build).toList(),
                features.size() != 1 ? definition.combination() : Combination.max(), definition.calibration(),
                definition.ensemble());
        if (definition.budget() != null && definition.budget().pin().isPresent()) {
            detector.thresholds().setDetector(new ThresholdFactors.Factor(definition.budget().pin().getAsDouble(),
                    ThresholdFactors.PINNED_IN_FILE));
        }
        return detector;
    }
}
