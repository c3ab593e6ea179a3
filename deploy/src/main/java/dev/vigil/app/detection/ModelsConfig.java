package dev.vigil.app.detection;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code vigil.models.*}: where detectors' PMML models are, and how often the folder is looked at. */
@ConfigMapping(prefix = "vigil.models")
public interface ModelsConfig {

    /** The models folder: a detector's {@code model.file} is a name in it. Made at start when missing. */
    Path folder();

    /** How often model files are checked for a new version. */
    Duration pollInterval();
}
