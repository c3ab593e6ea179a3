package dev.vigil.app.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil with the detectors file {@code host-detectors.yaml} (each host's metrics together: an open group judged by a
 * Random Cut Forest on its likelihood) and a database of its own, so no other test's learned
 * state is restored into it.
 */
public class HostDetectorsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vigil.detection.config", "src/test/resources/host-detectors.yaml",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-hosts;DB_CLOSE_DELAY=-1");
    }
}
