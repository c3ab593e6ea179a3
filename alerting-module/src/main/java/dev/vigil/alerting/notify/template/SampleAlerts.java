package dev.vigil.alerting.notify.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;

/**
 * The alerts every template is tried on at start, one of each shape a template meets: a metric's, firing and
 * resolved (no evidence, labels), a log detector's (evidence lines), a user's (no labels, a single finding).
 */
final class SampleAlerts {

    private static final Instant STARTS = Instant.parse("2026-01-01T08:00:00Z");

    private SampleAlerts() {
    }

    static List<Alert> all() {
        Alert metric = new Alert("sample-metric", "0000000000000001", AlertStatus.FIRING, Severity.CRITICAL, "mqtt",
                "temperature{device=boiler-2}", "metric-baseline", STARTS, null, "temperature is anomalous",
                new Explanation("mean", 77.05, 68.05, 0.122, List.of(new Finding("robust-z", 73.6, 3.5, "mean high"),
                        new Finding("cusum", 2.0, 5.0, "cusum within"))),
                new TreeMap<>(Map.of("site", "plant-1")));
        Alert log = new Alert("sample-log", "0000000000000002", AlertStatus.FIRING, Severity.WARNING, "logs",
                "checkout", "log-errors", STARTS, null, "checkout errors", new Explanation("error_rate", 0.3, 0.01,
                        0.02, List.of(new Finding("novelty", 1, 0.5, "new error template")), List.of(),
                        List.of("ERROR <timeout> & retry", "ERROR pool exhausted")),
                new TreeMap<>(Map.of("service", "checkout")));
        Alert user = new Alert("sample-user", "0000000000000003", AlertStatus.FIRING, Severity.WARNING, "events",
                "user:alice", "user-behaviour", STARTS, null, "alice is unusual", new Explanation("countries", 3, 1, 0.5,
                        List.of(new Finding("rules", 1, 1, "3 countries in 24 h"))), new TreeMap<>());
        return List.of(metric, metric.resolved(STARTS.plusSeconds(600)), log, log.resolved(STARTS.plusSeconds(60)),
                user);
    }
}
