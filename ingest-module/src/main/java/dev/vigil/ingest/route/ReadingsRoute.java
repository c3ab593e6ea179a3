package dev.vigil.ingest.route;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.deadletter.DeadLetters;
import dev.vigil.ingest.mqtt.SensorPayloadParser;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a user's own source route ends ({@link IngestEndpoints#READINGS}): one JSON reading per exchange, read with
 * the same rules as an MQTT reading (metric, finite value, timestamp or time of receipt, tags; unknown fields, bad
 * names and oversized payloads rejected), under the source the route names in {@link IngestEndpoints#SOURCE_HEADER}.
 * A new source is then a YAML file in the routes folder, not a rebuild.
 */
@ApplicationScoped
public class ReadingsRoute extends RouteBuilder {

    /** Topic levels carry nothing here: everything is in the JSON reading. */
    private static final String NO_TOPIC = "vigil/readings";
    static final String DEFAULT_SOURCE = "route";
    private static final String SOURCE_PROPERTY = "vigil.readings.source";

    private final SensorPayloadParser parser;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    public ReadingsRoute(@ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes, ObjectMapper json,
            DeadLetters deadLetters, IngestMetrics metrics) {
        this.parser = new SensorPayloadParser(NO_TOPIC + "/#", maxPayloadBytes, json, Clock.systemUTC());
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from(IngestEndpoints.READINGS).routeId("readings").startupOrder(IngestEndpoints.READINGS_START)
                .onException(Exception.class).handled(true).useOriginalMessage()
                        .process(e -> deadLetters.rejectFailedExchange(
                            e.getProperty(SOURCE_PROPERTY, DEFAULT_SOURCE, String.class), e.getFromRouteId(), e))
                .end()
                // kept as a property: the dead letter handler sees the message as the user's route first sent it
                .process(e -> e.setProperty(SOURCE_PROPERTY, sourceForDeadLetter(e)))
                .process(this::parse)
                .to(IngestEndpoints.OBSERVATIONS);
    }

    private void parse(Exchange exchange) {
        String source = source(exchange);
        Observation read = parser.parse(NO_TOPIC, exchange.getMessage().getBody(byte[].class));
        Observation observation = new Observation(source, read.series(), read.tags(), read.timestamp(), read.value());
        metrics.accepted(source, 1);
        exchange.getMessage().setBody(List.of(observation));
    }

    /** A dead letter still needs a source when the header itself was what was wrong. */
    private static String sourceForDeadLetter(Exchange exchange) {
        try {
            return source(exchange);
        } catch (RuntimeException e) {
            return DEFAULT_SOURCE;
        }
    }

    /** The route's own name for its source, checked like any name, or {@value #DEFAULT_SOURCE}. */
    private static String source(Exchange exchange) {
        String source = exchange.getMessage().getHeader(IngestEndpoints.SOURCE_HEADER, String.class);
        if (source == null || source.isBlank()) {
            return DEFAULT_SOURCE;
        }
        InputRules.requireName("source", source);
        return source;
    }
}
