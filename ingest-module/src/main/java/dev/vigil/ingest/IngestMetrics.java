package dev.vigil.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts accepted events per source: {@code vigil_ingest_events_total{source=...}}. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String source, int count) {
        if (count > 0) {
            registry.counter("vigil.ingest.events", "source", source).increment(count);
        }
    }
}
