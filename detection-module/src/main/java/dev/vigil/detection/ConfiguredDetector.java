package dev.vigil.detection;

import java.util.regex.Pattern;

import dev.vigil.contracts.config.Globs;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorDefinition;

/** A detector built from its definition, with the metric-name filter the definition asks for. */
public record ConfiguredDetector(DetectorDefinition definition, Detector detector, Pattern metrics) {

    public static ConfiguredDetector of(DetectorDefinition definition, Detector detector) {
        return new ConfiguredDetector(definition, detector, Globs.compile(definition.metrics()));
    }

    public String name() {
        return definition.name();
    }

    /** Whether this detector watches series of that metric. */
    public boolean watches(String metric) {
        return metrics.matcher(metric).matches();
    }
}
