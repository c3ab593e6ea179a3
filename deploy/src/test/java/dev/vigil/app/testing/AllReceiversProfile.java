package dev.vigil.app.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil with every receiver enabled against {@link ReceiverStubsResource}, the alerting file
 * {@code delivery-alerting.yaml} (everything to everyone, one inhibition rule) and a database of its own.
 */
public class AllReceiversProfile implements QuarkusTestProfile {

    public static final List<String> RECEIVERS = List.of("console", "slack", "email", "jira", "servicenow", "pagerduty",
            "webhook");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vigil.notify.receivers", String.join(",", RECEIVERS),
                "vigil.alerting.config", "src/test/resources/delivery-alerting.yaml",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-delivery;DB_CLOSE_DELAY=-1");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ReceiverStubsResource.class));
    }
}
