package dev.vigil.ingest.sparkplug;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import dev.vigil.ingest.mqtt.MqttReading;
import dev.vigil.ingest.mqtt.MqttSourceComponent;
import dev.vigil.ingest.sparkplug.SparkplugReader.Reading;
import dev.vigil.ingest.sparkplug.SparkplugReader.SequenceGap;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.jboss.logging.Logger;

/**
 * Sparkplug B edge nodes over MQTT 5, through Vigil's own MQTT component ({@link MqttSourceComponent}: one persistent
 * session, QoS 1, each batch acknowledged once this route has finished with it), subscribed to
 * {@code spBv1.0/<vigil.sparkplug.group>/#}. Each message's protobuf payload (Eclipse Tahu's schema) is read by the
 * {@link SparkplugReader}: observations go on as one batch to {@link IngestEndpoints#OBSERVATIONS}, deaths and
 * births to {@link SparkplugEndpoints#EDGE_STATUS}. A payload that is not Sparkplug B, and data that cannot be read
 * (an alias no birth declared), go to the dead letters with the reason, source {@code sparkplug}; sequence gaps are
 * counted in {@code vigil_sparkplug_sequence_gaps_total{group,node}}, the first of each node's birth logged.
 */
@ApplicationScoped
public class SparkplugSourceRoute extends RouteBuilder {

    /** The route's id: readiness looks its consumer up by it. */
    public static final String ROUTE_ID = "source-sparkplug";

    private static final Logger LOG = Logger.getLogger(SparkplugSourceRoute.class);
    private static final String STATUSES = "vigilSparkplugStatuses";

    private final SparkplugReader reader = new SparkplugReader(Sources.SPARKPLUG);
    private final int maxPayloadBytes;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    public SparkplugSourceRoute(@ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes,
            DeadLetters deadLetters, IngestMetrics metrics, MeterRegistry registry) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.registry = registry;
    }

    @Override
    public void configure() {
        from(MqttSourceComponent.SCHEME + ":" + SparkplugTopic.NAMESPACE + "/{{vigil.sparkplug.group}}/#"
                + "?brokerUrl={{vigil.sparkplug.broker-url}}&clientId={{vigil.sparkplug.client-id}}"
                + "&sessionExpiryInterval={{vigil.sparkplug.session-expiry-seconds}}"
                + "&receiveMaximum={{vigil.mqtt.receive-maximum:1000}}&reconnectDelay={{vigil.mqtt.reconnect-delay:1s}}"
                + "&maxReconnectDelay={{vigil.mqtt.max-reconnect-delay:30s}}")
                .routeId(ROUTE_ID).autoStartup("{{vigil.sparkplug.enabled}}")
                // what fails after reading (detection, the edge status) fails the whole batch: each message a dead letter
                .onException(Exception.class).handled(true).useOriginalMessage()
                    .process(this::rejectBatch)
                .end()
                .process(this::read)
                .to(IngestEndpoints.OBSERVATIONS)
                .setBody(exchangeProperty(STATUSES))
                .filter(exchange -> !exchange.getMessage().getBody(List.class).isEmpty())
                    .to(SparkplugEndpoints.EDGE_STATUS);
    }

    @SuppressWarnings("unchecked")
    private void read(Exchange exchange) {
        List<MqttReading> messages = exchange.getMessage().getBody(List.class);
        List<Observation> observations = new ArrayList<>();
        List<EdgeStatus> statuses = new ArrayList<>();
        for (MqttReading message : messages) {
            Payload payload;
            SparkplugTopic topic;
            try {
                topic = SparkplugTopic.parse(message.topic());
                payload = decode(message.payload());
            } catch (InvalidInputException e) {
                deadLetters.reject(Sources.SPARKPLUG, message.topic(), base64(message.payload()), e.getMessage());
                continue;
            }
            Reading reading = reader.read(topic, payload, clock.instant());
            observations.addAll(reading.observations());
            statuses.addAll(reading.statuses());
            if (!reading.problems().isEmpty()) {
                deadLetters.reject(Sources.SPARKPLUG, message.topic(), TextFormat.printer().shortDebugString(payload),
                        reading.reason());
            }
            if (reading.gap() != null) {
                gap(reading.gap());
            }
        }
        metrics.accepted(Sources.SPARKPLUG, observations.size());
        exchange.getMessage().setBody(observations);
        exchange.setProperty(STATUSES, statuses);
    }

    private Payload decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("empty payload: a Sparkplug B payload is a protobuf message");
        }
        if (bytes.length > maxPayloadBytes) {
            throw new InvalidInputException("payload of " + bytes.length + " bytes exceeds the limit of " + maxPayloadBytes);
        }
        try {
            return Payload.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException("not a Sparkplug B payload (protobuf): " + e.getMessage());
        }
    }

    private void gap(SequenceGap gap) {
        registry.counter("vigil.sparkplug.sequence.gaps", "group", gap.group(), "node", gap.node()).increment();
        if (gap.firstSinceBirth()) {
            LOG.warnf("Sparkplug edge node %s/%s skipped sequence numbers (expected seq %d, got %d): messages were lost "
                    + "between it and Vigil. Its further gaps until its next birth are only counted "
                    + "(vigil_sparkplug_sequence_gaps_total)", gap.group(), gap.node(), gap.expected(), gap.received());
        }
    }

    @SuppressWarnings("unchecked")
    private void rejectBatch(Exchange exchange) {
        String reason = DeadLetters.failureOf(exchange);
        for (MqttReading message : (List<MqttReading>) exchange.getMessage().getBody(List.class)) {
            deadLetters.reject(Sources.SPARKPLUG, message.topic(), base64(message.payload()), reason);
        }
    }

    /** A binary payload as a dead letter shows it. */
    private static String base64(byte[] payload) {
        return "base64:" + Base64.getEncoder().encodeToString(payload == null ? new byte[0] : payload);
    }
}
