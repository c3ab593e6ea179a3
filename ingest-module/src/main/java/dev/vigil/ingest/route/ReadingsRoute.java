package dev.vigil.ingest.route;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.deadletter.DeadLetters;
import dev.vigil.ingest.mqtt.SensorPayloadParser;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link IngestEndpoints#READINGS}: one JSON reading per exchange, read with the same rules as an MQTT reading
 * (metric, finite value, timestamp or time of receipt, tags; unknown fields, bad names and oversized payloads
 * rejected); or one JSON item with mapping headers, made into such a reading first ({@link JsonItemReading}).
 */
@Singleton // not proxied: the route builders share a constructor-only base
public class ReadingsRoute extends RouteEnd {

    /** Topic levels carry nothing here: everything is in the JSON reading. */
    private static final String NO_TOPIC = "vigil/readings";

    private final SensorPayloadParser parser;
    private final JsonItemReading items;

    public ReadingsRoute(@ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes, ObjectMapper json,
            DeadLetters deadLetters, IngestMetrics metrics) {
        super(IngestEndpoints.READINGS, "readings", IngestEndpoints.READINGS_START, IngestEndpoints.OBSERVATIONS,
                deadLetters, metrics);
        this.parser = new SensorPayloadParser(NO_TOPIC + "/#", maxPayloadBytes, json, Clock.systemUTC());
        this.items = new JsonItemReading(maxPayloadBytes, json);
    }

    @Override
    Object read(String source, Exchange exchange) {
        Observation read = parser.parse(NO_TOPIC, JsonItemReading.wanted(exchange.getMessage().getHeaders())
                ? items.reading(text(exchange), exchange.getMessage().getHeaders())
                : exchange.getMessage().getBody(byte[].class));
        return new Observation(source, read.series(), read.tags(), read.timestamp(), read.value());
    }
}
