package dev.vigil.alerting.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;

/** Alerts as the lifecycle makes them, for receiver tests. */
public final class TestAlerts {

    public static final String ID = "3f2b8c1e-7a4d-4e0b-9b8e-2c1d0e9f8a7b";
    public static final String FINGERPRINT = "bcaf862b5631cdf3";
    public static final Instant STARTS = Instant.parse("2024-06-01T08:03:00Z");
    public static final Instant ENDS = Instant.parse("2024-06-01T08:20:00Z");

    private TestAlerts() {
    }

    public static Alert firing() {
        return firing(Severity.CRITICAL, "temperature{device=boiler-2,site=plant-1}",
                "mean observed 77.05 vs expected 68.05: 73.6σ above (robust z, limit 3.5σ)");
    }

    public static Alert firing(Severity severity, String entity, String description) {
        Explanation why = new Explanation("mean", 77.05, 68.05, 0.122, List.of(
                new Finding("robust-z", 73.6, 3.5, description),
                new Finding("cusum", 2.0, 5.0, "cusum below its decision interval")));
        return new Alert(ID, FINGERPRINT, AlertStatus.FIRING, severity, "mqtt", entity, "metric-baseline", STARTS, null,
                entity + " mean is anomalous", why, new TreeMap<>(Map.of("site", "plant-1", "device", "boiler-2")));
    }

    public static Alert resolved() {
        return firing().resolved(ENDS);
    }

    /** The outbox's first delivery of an alert: sequence 1 for a firing, 2 for its resolve. */
    public static Delivery delivery(Alert alert) {
        return Delivery.first(Delivery.key(alert, alert.status() == AlertStatus.FIRING ? 1 : 2), alert);
    }

    /** A later delivery of an incident whose earlier one the receiver answered with {@code earlier}. */
    public static Delivery delivery(Alert alert, String earlier) {
        return new Delivery(delivery(alert).idempotencyKey(), alert, java.util.Optional.of(earlier), java.util.Optional.empty());
    }

    /** The firing alert with evidence behind its findings, as a log detector explains itself. */
    public static Alert withEvidence() {
        Alert plain = firing();
        Explanation why = plain.explanation();
        return new Alert(plain.id(), plain.fingerprint(), plain.status(), plain.severity(), plain.source(), plain.entity(),
                plain.detector(), plain.startsAt(), null, plain.summary(), new Explanation(why.feature(), why.observed(),
                        why.expected(), why.scale(), why.findings(), why.contributions(), EVIDENCE), plain.labels());
    }

    public static final List<String> EVIDENCE = List.of("2024-06-01T08:02:57Z ERROR boiler-2 <overheat> & pump `stalled`",
            "relief valve opened 3 times in 10 min");
}
