package dev.vigil.ingest.deadletter;

import dev.vigil.ingest.IngestEndpoints;
import org.apache.camel.builder.RouteBuilder;

/**
 * Writes dead letters (one JSON object per line, made by {@link DeadLetters}) as JSON lines to {@code vigil.dead-letter.uri}: by default a file per day
 * under {@code data/dead-letter}, in a cluster a Kafka topic.
 */
public class DeadLetterRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(IngestEndpoints.DEAD_LETTERS).routeId("dead-letters").startupOrder(IngestEndpoints.DEAD_LETTERS_START)
                .to("{{vigil.dead-letter.uri}}");
    }
}
