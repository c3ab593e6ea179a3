package dev.vigil.ingest.users;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import dev.vigil.ingest.kafka.KafkaBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * User and authentication events from their own Kafka topic ({@code vigil.users.topic}, default
 * {@code vigil.user-events}), read like the log topic: batch polls parsed in one pass ({@link UserEventParser}), bad
 * records to the dead letters under source {@code users} with the reason, the batch handed on as one
 * {@code List<UserEvent>} to {@link IngestEndpoints#USER_EVENTS}, offsets committed per partition only after that.
 * Key the records by user, so one user's events stay in order on one partition.
 */
@ApplicationScoped
public class UserEventRoute extends RouteBuilder {

    /** The route's id: readiness looks its consumer up by it. */
    public static final String ROUTE_ID = "source-users";

    private final UserEventParser parser;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    public UserEventRoute(@ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes,
            ObjectMapper json, DeadLetters deadLetters, IngestMetrics metrics) {
        this.parser = new UserEventParser(maxPayloadBytes, json, Clock.systemUTC());
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from(KafkaBatch.endpoint("{{vigil.users.topic}}", "{{vigil.users.group-id}}"))
                .routeId(ROUTE_ID).autoStartup("{{vigil.users.enabled}}")
                .process(batch -> KafkaBatch.parse(batch, Sources.USERS, parser::parse, deadLetters, metrics))
                .to(IngestEndpoints.USER_EVENTS)
                .process(KafkaBatch::commit);
    }
}
