package dev.vigil.app;

import java.util.List;

import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.ingest.IngestEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Where the sources meet detection: every batch an ingest route hands on is scored, and what fires goes to alerting;
 * timers close quiet entities' windows and save what the detectors learned.
 */
@ApplicationScoped
public class DetectionRoutes extends RouteBuilder {

    private final DetectionPipeline pipeline;
    private final long idleCheckMs;
    private final long snapshotMs;

    public DetectionRoutes(DetectionPipeline pipeline, DetectionConfig config) {
        this.pipeline = pipeline;
        this.idleCheckMs = config.idleCheckMs();
        this.snapshotMs = config.snapshotInterval().toMillis();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure() {
        from(IngestEndpoints.OBSERVATIONS).routeId("detect-observations").startupOrder(IngestEndpoints.OBSERVATIONS_START)
                .process(e -> e.getMessage().setBody(pipeline.onObservations(e.getMessage().getBody(List.class))))
                .filter(DetectionRoutes::anyAlert) // most batches raise none: no splitter per reading for nothing
                .split(body()).to(AlertingEndpoints.ALERTS);

        from(IngestEndpoints.LOG_EVENTS).routeId("detect-log-events").startupOrder(IngestEndpoints.LOG_EVENTS_START)
                .process(e -> e.getMessage().setBody(pipeline.onLogEvents(e.getMessage().getBody(List.class))))
                .filter(DetectionRoutes::anyAlert)
                .split(body()).to(AlertingEndpoints.ALERTS);

        from("timer:vigil-idle-windows?period=" + idleCheckMs).routeId("close-idle-windows")
                .process(e -> e.getMessage().setBody(pipeline.closeIdleWindows()))
                .split(body()).to(AlertingEndpoints.ALERTS);

        from("timer:vigil-state-snapshot?delay=" + snapshotMs + "&period=" + snapshotMs).routeId("save-detector-state")
                .process(e -> pipeline.saveState());
    }

    private static boolean anyAlert(Exchange exchange) {
        return !exchange.getMessage().getBody(List.class).isEmpty();
    }
}
