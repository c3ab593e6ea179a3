package dev.vigil.app.health;

import dev.vigil.ingest.mqtt.MqttLinkState;
import dev.vigil.ingest.mqtt.MqttSourceConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A readiness check on a source that reads an MQTT session ({@code vigil-mqtt:}): UP while its route's consumer is
 * connected to its broker and subscribed; DOWN while it is not (the broker away, the source reconnecting, its route
 * stopped), with the broker, since when and the last failure. UP with {@code enabled=false} when the source is off.
 */
abstract class MqttLinkReadiness extends SourceReadiness {

    MqttLinkReadiness(CamelContext camel, String name, String routeId, boolean enabled) {
        super(camel, name, routeId, enabled);
    }

    @Override
    HealthCheckResponse link(Route route, HealthCheckResponseBuilder check) {
        if (!(route.getConsumer() instanceof MqttSourceConsumer consumer)) {
            return stopped(check);
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
