package dev.vigil.app.sparkplug;

import java.time.Clock;
import java.util.List;

import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.app.detection.ScoresOut;
import dev.vigil.feedback.history.ScoreHistory;
import dev.vigil.ingest.sparkplug.EdgeStatus;
import dev.vigil.ingest.sparkplug.SparkplugEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the Sparkplug source's deaths and births meet alerting: {@link EdgeDeaths} turns them into scores of the quiet
 * detector, kept in the score history and handed to alerting through its one door ({@link AlertingEndpoints#SCORES}),
 * like every other score. A timer, at the pace of the quiet-series check ({@code vigil.detection.idle-check-ms}),
 * scores the nodes and devices still dead.
 */
@ApplicationScoped
public class EdgeDeathRoutes extends RouteBuilder {

    private final EdgeDeaths deaths;
    private final ScoresOut out;
    private final long checkMs;
    private final Clock clock = Clock.systemUTC();

    public EdgeDeathRoutes(ScoreHistory history,
            @ConfigProperty(name = "vigil.alerting.recovery-windows") int recoveryWindows,
            @ConfigProperty(name = "vigil.detection.idle-check-ms") long checkMs) {
        this.deaths = new EdgeDeaths(recoveryWindows);
        this.out = new ScoresOut(history);
        this.checkMs = checkMs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure() {
        from(SparkplugEndpoints.EDGE_STATUS).routeId("edge-status").startupOrder(SparkplugEndpoints.EDGE_STATUS_START)
                .process(e -> out.hand(e, deaths.onStatus(e.getMessage().getBody(List.class))))
                .filter(ScoresOut::anyScore).to(AlertingEndpoints.SCORES);

        from("timer:vigil-edge-deaths?period=" + checkMs).routeId("edge-still-dead")
                .autoStartup("{{vigil.sparkplug.enabled}}")
                .process(e -> out.hand(e, deaths.stillDead(clock.instant())))
                .filter(ScoresOut::anyScore).to(AlertingEndpoints.SCORES);
    }
}
