package dev.vigil.app.users;

import java.util.List;

import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.app.DetectionPipeline;
import dev.vigil.ingest.IngestEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;

/**
 * Where user events meet detection: every batch the user-events source hands on goes through the pipeline, and what
 * fires goes to alerting; a timer looks for new versions of the detectors' models.
 */
@ApplicationScoped
public class UserRoutes extends RouteBuilder {

    private final DetectionPipeline pipeline;
    private final UserStream users;
    private final long pollMs;

    public UserRoutes(DetectionPipeline pipeline, UserStream users, ModelsConfig models) {
        this.pipeline = pipeline;
        this.users = users;
        this.pollMs = models.pollInterval().toMillis();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure() {
        from(IngestEndpoints.USER_EVENTS).routeId("detect-user-events").startupOrder(IngestEndpoints.USER_EVENTS_START)
                .process(e -> e.getMessage().setBody(pipeline.onUserEvents(e.getMessage().getBody(List.class))))
                .split(body()).to(AlertingEndpoints.ALERTS);

        from("timer:vigil-models?delay=" + pollMs + "&period=" + pollMs).routeId("reload-models")
                .process(e -> users.refreshModels());
    }
}
