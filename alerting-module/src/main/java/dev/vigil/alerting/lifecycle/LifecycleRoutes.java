package dev.vigil.alerting.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Score;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alerting's door: every score goes through the {@link AlertLifecycle}, and the alerts it raises (firing, upgraded,
 * resolved) go on to notification. A timer resolves firing alerts no longer scored at all and forgets quiet
 * fingerprints (the alerting file's {@code resolve-when-quiet}, {@code forget-after}). Counts every score in
 * {@code vigil_scores_total{detector, anomalous}}.
 */
@ApplicationScoped
public class LifecycleRoutes extends RouteBuilder {

    private final AlertLifecycle lifecycle;
    private final MeterRegistry registry;
    private final long sweepMs;

    public LifecycleRoutes(AlertLifecycle lifecycle, MeterRegistry registry,
            @ConfigProperty(name = "vigil.alerting.sweep-ms") long sweepMs) {
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.sweepMs = sweepMs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure() {
        from(AlertingEndpoints.SCORES).routeId("alert-lifecycle")
                .process(e -> e.getMessage().setBody(onScores(e.getMessage().getBody(List.class))))
                .filter(LifecycleRoutes::anyAlert) // most scores raise none: no splitter for nothing
                .split(body()).to(AlertingEndpoints.ALERTS);

        from("timer:vigil-quiet-alerts?period=" + sweepMs).routeId("resolve-quiet-alerts")
                .process(e -> e.getMessage().setBody(sweep()))
                .filter(LifecycleRoutes::anyAlert)
                .split(body()).to(AlertingEndpoints.ALERTS);
    }

    private List<Alert> onScores(List<Score> scores) {
        List<Alert> alerts = new ArrayList<>();
        for (Score score : scores) {
            registry.counter("vigil.scores", "detector", score.detector(), "anomalous", String.valueOf(score.anomalous()))
                    .increment();
            lifecycle.onScore(score).ifPresent(alerts::add);
        }
        return alerts;
    }

    private List<Alert> sweep() {
        List<Alert> resolved = lifecycle.sweep(Instant.now());
        for (Alert alert : resolved) {
            log.info("Alert {} ({}) resolved: its entity has not been scored since {}", alert.id(), alert.entity(),
                    alert.endsAt());
        }
        return resolved;
    }

    private static boolean anyAlert(Exchange exchange) {
        return !exchange.getMessage().getBody(List.class).isEmpty();
    }
}
