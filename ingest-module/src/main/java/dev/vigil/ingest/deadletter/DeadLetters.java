package dev.vigil.ingest.deadletter;

import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InputRules;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.activity.SourceActivity;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

/**
 * Sends rejected payloads to the dead-letter destination and counts them per source
 * ({@code vigil_ingest_dead_letters_total{source=...}}, and the latest reasons in {@link SourceActivity}). Never throws: a failure to dead-letter
 * must not stop the source route either.
 */
@ApplicationScoped
public class DeadLetters {

    /** Dead letters keep this much of a payload: enough to see what it was, bounded for oversized input. */
    public static final int MAX_PAYLOAD_CHARS = 4096;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final ProducerTemplate producer;
    private final MeterRegistry registry;
    private final ObjectMapper json;
    private final SourceActivity activity;
    private final Clock clock = Clock.systemUTC();

    public DeadLetters(ProducerTemplate producer, MeterRegistry registry, ObjectMapper json, SourceActivity activity) {
        this.producer = producer;
        this.registry = registry;
        this.json = json;
        this.activity = activity;
    }

    public void reject(String source, String origin, String payload, String reason) {
        registry.counter("vigil.ingest.dead.letters", "source", source).increment();
        String safeReason = InputRules.printable(reason, 500);
        String safeOrigin = InputRules.printable(origin, 200);
        LOG.warnf("Dead letter from %s (%s): %s", source, safeOrigin, safeReason);
        activity.rejected(source, safeOrigin, safeReason);
        try {
            DeadLetter letter = new DeadLetter(source, origin, safeReason, shorten(payload), clock.instant());
            producer.sendBody(IngestEndpoints.DEAD_LETTERS, json.writeValueAsString(letter) + "\n");
        } catch (Exception e) {
            LOG.errorf(e, "Could not write a dead letter from %s", source);
        }
    }

    /** For a route's {@code onException}: the exchange's body (use the original message) and the exception's message. */
    public void rejectFailedExchange(String source, String origin, Exchange exchange) {
        reject(source, origin == null ? "" : origin, exchange.getMessage().getBody(String.class), failureOf(exchange));
    }

    /** In a route's {@code onException}: what failed, as a dead letter's reason. */
    public static String failureOf(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return cause == null ? "unknown failure"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** A binary payload as a dead letter shows it: {@code base64:} and as much of its start as the letter keeps. */
    public static String binary(byte[] payload) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        int kept = Math.min(bytes.length, MAX_PAYLOAD_CHARS / 4 * 3 - 6);
        return "base64:" + Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, kept));
    }

    private static String shorten(String payload) {
        if (payload == null) {
            return "";
        }
        return payload.length() <= MAX_PAYLOAD_CHARS ? payload : payload.substring(0, MAX_PAYLOAD_CHARS) + "…";
    }
}
