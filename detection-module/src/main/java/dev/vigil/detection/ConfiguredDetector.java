package dev.vigil.detection;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.vigil.contracts.config.Globs;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.users.ModelScorer;
import dev.vigil.scoring.users.ScoringProblems;

/** A detector built from its definition, with the metric-name filter the definition asks for. */
public record ConfiguredDetector(DetectorDefinition definition, Detector detector, Pattern metrics) {

    public static ConfiguredDetector of(DetectorDefinition definition, Detector detector) {
        return new ConfiguredDetector(definition, detector, Globs.compile(definition.metrics()));
    }

    /**
     * The detector a definition describes, as the engine builds it; replay ({@code ./vigil replay}) builds its own here
     * too, so whatever kind of detector the engine can build, replay runs. A detector with a PMML model reads it from
     * {@code modelsFolder}, once its {@link #modelSlot() slot} is loaded.
     *
     * @param problems where the model reports a window it could not judge
     */
    public static ConfiguredDetector build(DetectorDefinition definition, Path modelsFolder, ScoringProblems problems) {
        return of(definition, DetectorFactory.create(definition, modelsFolder, problems));
    }

    /** The slot of its PMML model, if it has one. */
    public Optional<ModelSlot> modelSlot() {
        return detector.model().map(ModelScorer::slot);
    }

    public String name() {
        return definition.name();
    }

    /** Whether this detector watches series of that metric. */
    public boolean watches(String metric) {
        return metrics.matcher(metric).matches();
    }
}
