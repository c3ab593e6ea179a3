package dev.vigil.ingest.mqtt;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Observation;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sensor readings over MQTT 5. QoS 1 with a fixed client id, {@code cleanStart=false} and a session expiry above
 * zero: the broker keeps what is published while Vigil restarts and delivers it when Vigil reconnects.
 */
@ApplicationScoped
public class MqttSourceRoute extends RouteBuilder {

    private final SensorPayloadParser parser;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    public MqttSourceRoute(@ConfigProperty(name = "vigil.mqtt.topic") String topic,
            @ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes,
            ObjectMapper json, DeadLetters deadLetters, IngestMetrics metrics) {
        this.parser = new SensorPayloadParser(topic, maxPayloadBytes, json, Clock.systemUTC());
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from("paho-mqtt5:{{vigil.mqtt.topic}}?brokerUrl={{vigil.mqtt.broker-url}}&clientId={{vigil.mqtt.client-id}}"
                + "&qos=1&cleanStart=false&sessionExpiryInterval={{vigil.mqtt.session-expiry-seconds}}"
                + "&automaticReconnect=true")
                .routeId("source-mqtt").autoStartup("{{vigil.mqtt.enabled}}")
                .onException(Exception.class).handled(true).useOriginalMessage()
                    .process(e -> deadLetters.rejectFailedExchange(Sources.MQTT, topic(e), e))
                .end()
                .process(this::parse)
                .to(IngestEndpoints.OBSERVATIONS);
    }

    private void parse(Exchange exchange) {
        Observation observation = parser.parse(topic(exchange), exchange.getMessage().getBody(byte[].class));
        metrics.accepted(Sources.MQTT, 1);
        exchange.getMessage().setBody(List.of(observation));
    }

    private static String topic(Exchange exchange) {
        return exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
    }
}
