package dev.vigil.ingest.route;

import java.util.List;

import dev.vigil.contracts.InputRules;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Utf8;
import dev.vigil.ingest.deadletter.DeadLetters;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Where a user's own source route ends: one item per exchange (a reading, a log line, a user event), read with the
 * rules of the built-in source of its kind, under the source the route names in {@link IngestEndpoints#SOURCE_HEADER}
 * (default {@value #DEFAULT_SOURCE}), counted as taken in for that source and handed on as a one-item batch. What
 * cannot be read goes to the dead letters with its reason and that source, and the route goes on. A new source is
 * then a YAML file in the routes folder, not a rebuild.
 */
abstract class RouteEnd extends RouteBuilder {

    static final String DEFAULT_SOURCE = "route";
    private static final String SOURCE_PROPERTY = "vigil.route-end.source";

    private final String from;
    private final String routeId;
    private final int startupOrder;
    private final String to;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    RouteEnd(String from, String routeId, int startupOrder, String to, DeadLetters deadLetters, IngestMetrics metrics) {
        this.from = from;
        this.routeId = routeId;
        this.startupOrder = startupOrder;
        this.to = to;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * The item of one exchange, for {@code source}.
     *
     * @throws RuntimeException (an {@link dev.vigil.contracts.InvalidInputException} naming what is wrong) for input
     *                          that cannot be read
     */
    abstract Object read(String source, Exchange exchange);

    @Override
    public void configure() {
        from(from).routeId(routeId).startupOrder(startupOrder)
                .onException(Exception.class).handled(true).useOriginalMessage()
                        .process(e -> deadLetters.rejectFailedExchange(
                            e.getProperty(SOURCE_PROPERTY, DEFAULT_SOURCE, String.class), e.getFromRouteId(), e))
                .end()
                // kept as a property: the dead letter handler sees the message as the user's route first sent it
                .process(e -> e.setProperty(SOURCE_PROPERTY, sourceForDeadLetter(e)))
                .process(e -> {
                    String source = source(e);
                    Object item = read(source, e);
                    metrics.accepted(source, 1);
                    e.getMessage().setBody(List.of(item));
                })
                .to(to);
    }

    /** The body as text: bytes are read as strict UTF-8, as the Kafka sources read them. */
    static String text(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof byte[] bytes ? Utf8.decode("the payload", bytes) : exchange.getMessage().getBody(String.class);
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
