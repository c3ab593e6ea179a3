package dev.vigil.app.health;

import dev.vigil.ingest.sparkplug.SparkplugSourceRoute;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code sparkplug}: the Sparkplug B source's link to its broker ({@link MqttLinkReadiness}). */
@Readiness
@Singleton
public class SparkplugReadiness extends MqttLinkReadiness {

    static final String NAME = "sparkplug";

    public SparkplugReadiness(CamelContext camel, @ConfigProperty(name = "vigil.sparkplug.enabled") boolean enabled) {
        super(camel, NAME, SparkplugSourceRoute.ROUTE_ID, enabled);
    }
}
