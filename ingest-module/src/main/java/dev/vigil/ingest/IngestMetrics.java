package dev.vigil.ingest;

import dev.vigil.ingest.activity.SourceActivity;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts accepted events per source: {@code vigil_ingest_events_total{source=...}} for Prometheus, and the recent
 * activity the console shows ({@link SourceActivity}).
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final SourceActivity activity;

    public IngestMetrics(MeterRegistry registry, SourceActivity activity) {
        this.registry = registry;
        this.activity = activity;
    }

    public void accepted(String source, int count) {
        if (count > 0) {
            registry.counter("vigil.ingest.events", "source", source).increment(count);
            activity.accepted(source, count);
        }
    }
}
