package dev.vigil.app.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;

/** A firing alert stored the way the notification route stores it, for the feedback tests to answer. */
public final class Alerts {

    private Alerts() {
    }

    public static Alert stored(AlertStore store) throws Exception {
        String id = UUID.randomUUID().toString();
        String fingerprint = id.replace("-", "").substring(0, 16);
        Explanation why = new Explanation("mean", 77.05, 68.05, 0.122,
                List.of(new Finding("robust-z", 73.6, 3.5, "mean observed 77.05 vs expected 68.05")));
        Alert alert = new Alert(id, fingerprint, AlertStatus.FIRING, Severity.CRITICAL, "mqtt",
                "temperature{device=boiler-2,site=plant-1}", "metric-baseline", Instant.now().minusSeconds(120), null,
                "temperature is anomalous", why, new TreeMap<>(Map.of("site", "plant-1")));
        store.save(alert);
        return alert;
    }
}
