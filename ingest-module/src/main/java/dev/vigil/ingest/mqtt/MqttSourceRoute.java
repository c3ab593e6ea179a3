package dev.vigil.ingest.mqtt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sensor readings over MQTT 5, through Vigil's own MQTT component ({@link MqttSourceComponent}): QoS 1 with a fixed
 * client id, {@code cleanStart=false} and a session expiry above zero, so the broker keeps what is published while
 * Vigil or the broker restarts and delivers it when Vigil is back. The consumer hands on what has arrived in one
 * list; each reading is parsed (a bad one goes to the dead letters with its reason, the rest flows), the observations
 * go on as one batch, and the broker gets its acknowledgements once this route has finished with them.
 */
@ApplicationScoped
public class MqttSourceRoute extends RouteBuilder {

    /** The route's id: readiness looks its consumer up by it. */
    public static final String ROUTE_ID = "source-mqtt";

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
        from(MqttSourceComponent.SCHEME + ":{{vigil.mqtt.topic}}?brokerUrl={{vigil.mqtt.broker-url}}"
                + "&clientId={{vigil.mqtt.client-id}}&sessionExpiryInterval={{vigil.mqtt.session-expiry-seconds}}"
                + "&receiveMaximum={{vigil.mqtt.receive-maximum:1000}}&reconnectDelay={{vigil.mqtt.reconnect-delay:1s}}"
                + "&maxReconnectDelay={{vigil.mqtt.max-reconnect-delay:30s}}")
                .routeId(ROUTE_ID).autoStartup("{{vigil.mqtt.enabled}}")
                // what fails after parsing (detection) fails the whole batch: each of its readings is a dead letter
                .onException(Exception.class).handled(true).useOriginalMessage()
                    .process(this::rejectBatch)
                .end()
                .process(this::parse)
                .to(IngestEndpoints.OBSERVATIONS);
    }

    @SuppressWarnings("unchecked")
    private void parse(Exchange exchange) {
        List<MqttReading> readings = exchange.getMessage().getBody(List.class);
        List<Observation> observations = new ArrayList<>(readings.size());
        for (MqttReading reading : readings) {
            try {
                observations.add(parser.parse(reading.topic(), reading.payload()));
            } catch (InvalidInputException e) {
                deadLetters.reject(Sources.MQTT, reading.topic(), reading.text(), e.getMessage());
            }
        }
        metrics.accepted(Sources.MQTT, observations.size());
        exchange.getMessage().setBody(observations);
    }

    @SuppressWarnings("unchecked")
    private void rejectBatch(Exchange exchange) {
        String reason = DeadLetters.failureOf(exchange);
        for (MqttReading reading : (List<MqttReading>) exchange.getMessage().getBody(List.class)) {
            deadLetters.reject(Sources.MQTT, reading.topic(), reading.text(), reason);
        }
    }
}
