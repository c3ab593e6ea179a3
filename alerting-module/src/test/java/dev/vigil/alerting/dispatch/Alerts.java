package dev.vigil.alerting.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;

/** Alerts as the lifecycle makes them, for the stage tests. */
public final class Alerts {

    public static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    private Alerts() {
    }

    /** A firing alert; labels as k=v pairs; its id and fingerprint derive from the entity. */
    public static Alert firing(String entity, Severity severity, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (String kv : labels) {
            String[] p = kv.split("=", 2);
            map.put(p[0], p[1]);
        }
        Explanation why = new Explanation("mean", 1, 0, 1, List.of(new Finding("z", 4, 3, entity + " is high")));
        return new Alert("id-" + entity, "fp-" + entity, AlertStatus.FIRING, severity, "mqtt", entity, "metric-baseline",
                T0, null, entity + " is anomalous", why, new TreeMap<>(map));
    }

    public static Alert firing(String entity, String... labels) {
        return firing(entity, Severity.WARNING, labels);
    }
}
