package dev.vigil.app.detection;

import java.util.List;

import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.detection.DetectionEngine;
import dev.vigil.feedback.history.ScoreHistory;
import dev.vigil.ingest.IngestEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/**
 * Where the sources meet detection and detection meets alerting: every batch an ingest route hands on goes through
 * the engine, whose scores are kept in the score history and handed to alerting through its one door
 * ({@link AlertingEndpoints#SCORES}) by {@link ScoresOut}. Timers close quiet entities' windows, save what the engine
 * learned and look for new versions of the detectors' models.
 */
@ApplicationScoped
public class DetectionRoutes extends RouteBuilder {

    private final DetectionEngine engine;
    private final ScoresOut out;
    private final long idleCheckMs;
    private final long snapshotMs;
    private final long modelPollMs;

    public DetectionRoutes(DetectionEngine engine, ScoreHistory history, DetectionConfig config, ModelsConfig models) {
        this.engine = engine;
        this.out = new ScoresOut(history);
        this.idleCheckMs = config.idleCheckMs();
        this.snapshotMs = config.snapshotInterval().toMillis();
        this.modelPollMs = models.pollInterval().toMillis();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure() {
        from(IngestEndpoints.OBSERVATIONS).routeId("detect-observations").startupOrder(IngestEndpoints.OBSERVATIONS_START)
                .process(e -> out.hand(e, engine.onObservations(e.getMessage().getBody(List.class))))
                .filter(ScoresOut::anyScore).to(AlertingEndpoints.SCORES);

        from(IngestEndpoints.LOG_EVENTS).routeId("detect-log-events").startupOrder(IngestEndpoints.LOG_EVENTS_START)
                .process(e -> out.hand(e, engine.onLogEvents(e.getMessage().getBody(List.class))))
                .filter(ScoresOut::anyScore).to(AlertingEndpoints.SCORES);

        from(IngestEndpoints.USER_EVENTS).routeId("detect-user-events").startupOrder(IngestEndpoints.USER_EVENTS_START)
                .process(e -> out.hand(e, engine.onUserEvents(e.getMessage().getBody(List.class))))
                .filter(ScoresOut::anyScore).to(AlertingEndpoints.SCORES);

        from("timer:vigil-idle-windows?period=" + idleCheckMs).routeId("close-idle-windows")
                .process(e -> out.hand(e, engine.closeIdle()))
                .filter(ScoresOut::anyScore).to(AlertingEndpoints.SCORES);

        from("timer:vigil-state-snapshot?delay=" + snapshotMs + "&period=" + snapshotMs).routeId("save-detector-state")
                .process(e -> engine.saveState());

        from("timer:vigil-models?delay=" + modelPollMs + "&period=" + modelPollMs).routeId("reload-models")
                .process(e -> engine.refreshModels());
    }
}
