package dev.vigil.scoring.config;

import java.nio.file.Path;
import java.util.List;

import dev.vigil.contracts.ThresholdFactors;
import dev.vigil.scoring.Combination;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.users.ModelScorer;
import dev.vigil.scoring.users.ScoringProblems;

/**
 * Builds the {@link Detector} a definition describes, with the threshold factor its budget pins, if any, and its PMML
 * model's slot in the models folder, if it has one (loaded by whoever runs the detector).
 */
public final class DetectorFactory {

    private static final ScorerCatalogue CATALOGUE = new ScorerCatalogue();

    private DetectorFactory() {
    }

    /** A detector on the definition's own features, without a PMML model. */
    public static Detector create(DetectorDefinition definition) {
        return create(definition, features(definition));
    }

    /**
     * A detector on the definition's own features, its PMML model (if it has one) read from {@code modelsFolder}.
     *
     * @param problems where the model reports a window it could not judge (an input missing or NaN)
     */
    public static Detector create(DetectorDefinition definition, Path modelsFolder, ScoringProblems problems) {
        return create(definition, features(definition), modelsFolder, problems);
    }

    /** The definition's features; an open group's detector takes each window's. */
    private static List<String> features(DetectorDefinition definition) {
        return definition.openGroup() ? Detector.EVERY_FEATURE : definition.features();
    }

    /**
     * A detector on other features, for data whose columns are named by the data itself (replayed CSV): the
     * definition's scorers, memory and combination, with {@code rss} only where there is more than one feature.
     */
    public static Detector create(DetectorDefinition definition, List<String> features) {
        if (definition.pmml() != null) {
            throw new IllegalArgumentException("detector " + definition.name() + " judges with the PMML model "
                    + definition.pmml().file() + ": build it with the models folder");
        }
        return create(definition, features, null, ScoringProblems.IGNORE);
    }

    private static Detector create(DetectorDefinition definition, List<String> features, Path modelsFolder,
            ScoringProblems problems) {
        if (definition.modelled()) {
            throw new IllegalArgumentException("detector " + definition.name() + " judges logs with a "
                    + definition.model().kind() + " model, not with scorers on a series");
        }
        ModelScorer model = definition.pmml() == null ? null
                : definition.pmml().build(definition.name(), modelsFolder, problems);
        Detector detector = new Detector(definition.name(), features, definition.kind(), definition.baseline(),
                definition.scorers().stream().map(CATALOGUE::build).toList(),
                features.size() != 1 ? definition.combination() : Combination.max(), definition.calibration(),
                definition.ensemble(), model);
        if (definition.budget() != null && definition.budget().pin().isPresent()) {
            detector.thresholds().setDetector(new ThresholdFactors.Factor(definition.budget().pin().getAsDouble(),
                    ThresholdFactors.PINNED_IN_FILE));
        }
        return detector;
    }
}
