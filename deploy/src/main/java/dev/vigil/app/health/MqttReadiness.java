package dev.vigil.app.health;

import dev.vigil.ingest.mqtt.MqttLinkState;
import dev.vigil.ingest.mqtt.MqttSourceConsumer;
import dev.vigil.ingest.mqtt.MqttSourceRoute;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code mqtt}: UP while the MQTT source is connected to its broker and subscribed; DOWN while it is
 * not (the broker away, the source reconnecting, its route stopped), with the broker, since when and the last
 * failure. UP with {@code enabled=false} when the source is turned off.
 */
@Readiness
@Singleton
public class MqttReadiness implements HealthCheck {

    static final String NAME = "mqtt";

    private final CamelContext camel;
    private final boolean enabled;

    public MqttReadiness(CamelContext camel, @ConfigProperty(name = "vigil.mqtt.enabled") boolean enabled) {
        this.camel = camel;
        this.enabled = enabled;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named(NAME).withData("enabled", enabled);
        if (!enabled) {
            return check.up().build();
        }
        Route route = camel.getRoute(MqttSourceRoute.ROUTE_ID);
        if (route == null || !SourceRoutes.started(camel, MqttSourceRoute.ROUTE_ID)
                || !(route.getConsumer() instanceof MqttSourceConsumer consumer)) {
            return check.down().withData("route", "stopped").build();
        }
        MqttLinkState link = consumer.link();
        check.withData("broker", link.brokerUrl()).withData("connected", link.connected())
                .withData("subscribed", link.subscribed()).withData("since", link.since().toString());
        if (link.lastFailure() != null) {
            check.withData("lastFailure", link.lastFailure());
        }
        return check.status(link.ready()).build();
    }
}
