package dev.vigil.feedback;

import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;

/** Real detectors as feedback sees them, for tests that tune them or reset their baselines. */
public final class TestDetectors {

    private TestDetectors() {
    }

    public static LiveDetector live(DetectorDefinition definition) {
        return live(definition, DetectorFactory.create(definition));
    }

    public static LiveDetector live(DetectorDefinition definition, Detector detector) {
        return new LiveDetector(definition.name(), definition.budget(), detector.thresholds(), detector::forget);
    }
}
