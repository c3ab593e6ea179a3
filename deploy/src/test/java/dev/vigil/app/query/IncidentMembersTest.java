package dev.vigil.app.query;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.Fingerprint;
import dev.vigil.alerting.route.Route;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The other series of an alert's incident are those the routing tree groups with it. */
class IncidentMembersTest {

    private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");

    private static Route routes(String yaml) {
        return new AlertingConfigLoader(List.of("console", "slack")).load(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml").route();
    }

    private static Alert alert(String device, String site, String detector) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("device", device, "site", site));
        String entity = "temperature{device=" + device + ",site=" + site + "}";
        return new Alert(device + "-" + detector, Fingerprint.of(detector, "mqtt", entity, labels), AlertStatus.FIRING,
                Severity.WARNING, "mqtt", entity, detector, T, null, entity + " is anomalous",
                new Explanation("mean", 9, 5, 1, List.of(new Finding("robust-z", 4, 3.5, "mean observed 9"))), labels);
    }

    @Test
    void alertsOfOneSiteAreOneIncidentWhenTheRouteGroupsBySite() {
        IncidentMembers members = new IncidentMembers(routes("""
                route:
                  receivers: [console]
                  group-by: [site]
                  routes:
                    - matchers: ['detector="log-errors"']
                      receivers: [slack]
                      group-by: ['...']
                """));
        Alert boiler1 = alert("boiler-1", "plant-1", "metric-baseline");
        Alert boiler2 = alert("boiler-2", "plant-1", "metric-baseline");
        Alert press = alert("press-1", "plant-2", "metric-baseline");
        Alert logs = alert("boiler-3", "plant-1", "log-errors");

        assertThat(members.groupsOf(boiler1)).containsExactly("route|{site=plant-1}");
        assertThat(members.of(boiler1, List.of(boiler1, boiler2, press, logs))).containsExactly(boiler2);
        assertThat(members.of(logs, List.of(boiler1, boiler2, press, logs))).as("its route groups by fingerprint")
                .isEmpty();
    }

    @Test
    void theDefaultRoutingMakesEveryFingerprintItsOwnIncident() {
        IncidentMembers members = new IncidentMembers(new AlertingConfigLoader(List.of("console")).loadDefault().route());
        Alert boiler1 = alert("boiler-1", "plant-1", "metric-baseline");
        Alert boiler2 = alert("boiler-2", "plant-1", "metric-baseline");
        assertThat(members.of(boiler1, List.of(boiler1, boiler2))).isEmpty();
        assertThat(members.groupsOf(boiler1)).containsExactly("route|" + boiler1.fingerprint());
    }
}
