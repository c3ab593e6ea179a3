package dev.vigil.ingest.route;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.deadletter.DeadLetters;
import dev.vigil.ingest.users.UserEventParser;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link IngestEndpoints#USER_EVENT_ITEMS}: one JSON user event per exchange, read as the users topic reads one
 * ({@link UserEventParser}; the user from the event, else {@link IngestEndpoints#USER_HEADER}).
 */
@Singleton // not proxied: the route builders share a constructor-only base
public class UserEventsRoute extends RouteEnd {

    private final UserEventParser parser;

    public UserEventsRoute(@ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes,
            ObjectMapper json, DeadLetters deadLetters, IngestMetrics metrics) {
        super(IngestEndpoints.USER_EVENT_ITEMS, "user-event-items", IngestEndpoints.USER_EVENT_ITEMS_START,
                IngestEndpoints.USER_EVENTS, deadLetters, metrics);
        this.parser = new UserEventParser(maxPayloadBytes, json, Clock.systemUTC());
    }

    @Override
    Object read(String source, Exchange exchange) {
        return parser.parse(exchange.getMessage().getHeader(IngestEndpoints.USER_HEADER, String.class),
                text(exchange)).withSource(source);
    }
}
