package dev.vigil.ingest.prometheus;

import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import dev.vigil.ingest.prometheus.RemoteWriteReader.Reading;
import dev.vigil.ingest.prometheus.RemoteWriteReader.Rejected;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes in one Prometheus remote-write request, source {@code prometheus}: its samples go on as one batch of
 * observations to {@link IngestEndpoints#OBSERVATIONS}. A body that cannot be read is a dead letter and
 * {@link InvalidInputException} (the caller answers 400, which Prometheus does not retry); a series that breaks
 * Vigil's name rules is a dead letter while the rest of the request is taken. Samples skipped (stale markers, NaN,
 * infinities) are counted in {@code vigil_prometheus_samples_skipped_total{reason}}.
 */
@ApplicationScoped
public class RemoteWriteIntake {

    /** Where a dead letter of this source came from. */
    static final String ORIGIN = "POST /api/v1/write";

    private final RemoteWriteDecoder decoder;
    private final RemoteWriteReader reader = new RemoteWriteReader(Sources.PROMETHEUS);
    private final ProducerTemplate producer;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final MeterRegistry registry;

    public RemoteWriteIntake(@ConfigProperty(name = "vigil.prometheus.max-request-bytes") int maxRequestBytes,
            ProducerTemplate producer, DeadLetters deadLetters, IngestMetrics metrics, MeterRegistry registry) {
        this.decoder = new RemoteWriteDecoder(maxRequestBytes);
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.registry = registry;
    }

    public void take(byte[] body) {
        Reading reading;
        try {
            reading = reader.read(decoder.decode(body));
        } catch (InvalidInputException e) {
            deadLetters.reject(Sources.PROMETHEUS, ORIGIN, DeadLetters.binary(body), e.getMessage());
            throw e;
        }
        for (Rejected rejected : reading.rejected()) {
            deadLetters.reject(Sources.PROMETHEUS, ORIGIN, rejected.series().printable() + " ("
                    + rejected.series().samples().size() + " samples)", rejected.reason());
        }
        reading.skipped().forEach((reason, count) ->
                registry.counter("vigil.prometheus.samples.skipped", "reason", reason.tag()).increment(count));
        if (!reading.observations().isEmpty()) {
            producer.sendBody(IngestEndpoints.OBSERVATIONS, reading.observations());
            metrics.accepted(Sources.PROMETHEUS, reading.observations().size());
        }
    }
}
