package dev.vigil.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Severity;
import dev.vigil.ingest.IngestEndpoints;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard shipped in deploy/src/main/grafana is well-formed and asks only for metrics Vigil exports:
 * after some traffic of every kind (readings, a rejected one, scored windows, an alert told to its receivers, an
 * answer and a refused answer), every metric a panel queries is on /q/metrics.
 */
@QuarkusTest
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("src/main/grafana/vigil-dashboard.json");
    /** Vigil's own meters and Camel's: every name a query can refer to. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:vigil|camel)_[a-z0-9_]+\\b");

    @Inject
    ObjectMapper json;
    @Inject
    ProducerTemplate producer;

    @Test
    void everyPanelIsWellFormedAndEveryMetricItQueriesIsExported() throws Exception {
        JsonNode dashboard = json.readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("title").asText()).isEqualTo("Vigil");
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.withArray("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.withArray("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.withArray("targets")) {
                Matcher names = METRIC.matcher(target.path("expr").asText());
                while (names.find()) {
                    queried.add(names.group());
                }
            }
        }
        assertThat(queried).contains("vigil_ingest_events_total", "vigil_ingest_dead_letters_total",
                "vigil_scoring_seconds_bucket", "vigil_alerts_total", "vigil_notifications_total", "vigil_feedback_total");

        makeTrafficOfEveryKind();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> exported = exported();
            assertThat(queried).allSatisfy(name -> assertThat(exported).as("exported metrics").contains(name));
        });
    }

    private void makeTrafficOfEveryKind() throws Exception {
        Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
        for (int minute = 0; minute < 15; minute++) { // windows close and, after the warm-up, are scored
            producer.sendBodyAndHeader(IngestEndpoints.READINGS, "{\"metric\":\"grafana_check\",\"value\":" + (10 + minute % 3)
                    + ",\"ts\":\"" + t0.plus(Duration.ofMinutes(minute)) + "\"}", IngestEndpoints.SOURCE_HEADER, "grafana");
        }
        producer.sendBodyAndHeader(IngestEndpoints.READINGS, "not json", IngestEndpoints.SOURCE_HEADER, "grafana");

        String id = UUID.randomUUID().toString();
        Alert alert = new Alert(id, id.substring(0, 16), AlertStatus.FIRING, Severity.WARNING, "grafana", "grafana_check",
                "metric-baseline", Instant.now(), null, "grafana_check is anomalous",
                new Explanation("mean", 20, 11, 1, java.util.List.of()), new TreeMap<>(Map.of("site", "grafana")));
        producer.sendBody(AlertingEndpoints.ALERTS, alert);
        await().atMost(Duration.ofSeconds(20)).until(() -> exported().contains("vigil_notifications_total"));

        given().header("X-Vigil-Api-Key", "test-ops-key").contentType("application/json")
                .body("{\"verdict\":\"FALSE_ALARM\",\"comment\":\"dashboard check\"}")
                .post("/api/alerts/{id}/feedback", id).then().statusCode(201);
        given().header("X-Vigil-Api-Key", "test-ops-key").contentType("application/json")
                .body("{\"verdict\":\"MAYBE\"}").post("/api/alerts/{id}/feedback", id).then().statusCode(400);
    }

    private static Set<String> exported() {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> names = new TreeSet<>();
        for (String line : body.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
