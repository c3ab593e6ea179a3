package dev.vigil.app.health;

import dev.vigil.ingest.mqtt.MqttSourceRoute;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code mqtt}: the MQTT source's link to its broker ({@link MqttLinkReadiness}). */
@Readiness
@Singleton
public class MqttReadiness extends MqttLinkReadiness {

    static final String NAME = "mqtt";

    public MqttReadiness(CamelContext camel, @ConfigProperty(name = "vigil.mqtt.enabled") boolean enabled) {
        super(camel, NAME, MqttSourceRoute.ROUTE_ID, enabled);
    }
}
