package dev.vigil.feedback;

import java.util.List;
import java.util.Optional;

import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorDefinition;

/**
 * The detectors scoring now, as the application assembled them: what feedback changes (a baseline reset, a threshold)
 * and what the history, tuning and report read. The deploy module provides it from its detection pipeline.
 */
public interface LiveDetectors {

    /** A detector with the definition it was built from. */
    record LiveDetector(DetectorDefinition definition, Detector detector) {

        public String name() {
            return definition.name();
        }
    }

    /** Every detector, in the order of the detectors file. */
    List<LiveDetector> all();

    default Optional<LiveDetector> named(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
