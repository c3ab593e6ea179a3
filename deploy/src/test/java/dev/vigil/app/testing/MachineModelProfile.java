package dev.vigil.app.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil whose only detector is {@code machine-health} (src/test/resources/machine/detectors.yaml): milling machines'
 * sensor windows judged by a PMML model from the models folder; with a database of its own.
 */
public class MachineModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vigil.detection.config", "src/test/resources/machine/detectors.yaml",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-machine-model;DB_CLOSE_DELAY=-1");
    }
}
