package dev.vigil.app.api;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.lifecycle.Fingerprint;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.ConsoleSession;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import dev.vigil.ingest.IngestEndpoints;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * What the console's alert pages read, as a script reads it: the ranked alerts with their verdicts, filtered and
 * streamed; the series around an alert from the score history, for readings fed through a real route; an incident's
 * groups; answers given with a console session recorded as the user's; the alert detail page itself.
 */
@QuarkusTest
class AlertViewsApiTest {

    private static final String KEY = "test-ops-key";

    @Inject
    AlertStore alerts;
    @Inject
    ProducerTemplate producer;
    @Inject
    ObjectMapper json;
    @TestHTTPResource("/api/alerts/ranked/stream")
    URL stream;

    private static String run() {
        return "r" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An alert as the lifecycle stores it, of the strength {@code ratio} (its finding against its limit). */
    private Alert stored(String run, String device, String source, Severity severity, double ratio, Instant startsAt,
            Instant endsAt) throws Exception {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("device", device, "run", run));
        String entity = "temperature{device=" + device + ",run=" + run + "}";
        String why = String.format(Locale.ROOT, "mean observed %.1f vs expected 20.00", 20 + ratio);
        Alert alert = new Alert(UUID.randomUUID().toString(), Fingerprint.of("metric-baseline", source, entity, labels),
                endsAt == null ? AlertStatus.FIRING : AlertStatus.RESOLVED, severity, source, entity, "metric-baseline",
                startsAt, endsAt, entity + " mean is anomalous", new Explanation("mean", 20 + ratio, 20, 0.3,
                        List.of(new Finding("robust-z", ratio * 3.5, 3.5, why))), labels);
        alerts.save(alert);
        return alert;
    }

    /** The ranked list for these query parameters (name, value, name, value, ...), all of a run's labels. */
    private static JsonPath ranked(String run, String... parameters) {
        var request = given().header("X-Vigil-Api-Key", KEY).queryParam("label", "run=\"" + run + "\"");
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.get("/api/alerts/ranked").then().statusCode(200).extract().jsonPath();
    }

    private static String label(String matcher) {
        return "label=" + URLEncoder.encode(matcher, StandardCharsets.UTF_8);
    }

    @Test
    void theListRanksFiringFirstThenSeverityScoreAndAgeWithEachVerdictAndTakesFilters() throws Exception {
        String run = run();
        Instant now = Instant.now();
        Alert strongWarning = stored(run, "a", "mqtt", Severity.WARNING, 10, now.minusSeconds(600), null);
        Alert olderCritical = stored(run, "b", "mqtt", Severity.CRITICAL, 4, now.minusSeconds(900), null);
        Alert resolved = stored(run, "c", "file", Severity.CRITICAL, 20, now.minusSeconds(3600), now.minusSeconds(60));
        Alert newerCritical = stored(run, "d", "mqtt", Severity.CRITICAL, 4, now.minusSeconds(300), null);
        Alert longAgo = stored(run, "e", "mqtt", Severity.CRITICAL, 50, now.minus(Duration.ofDays(3)),
                now.minus(Duration.ofDays(2)));
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json").body(Map.of("verdict", "false alarm"))
                .post("/api/alerts/{id}/feedback", olderCritical.id()).then().statusCode(201);

        JsonPath all = ranked(run);
        assertThat(all.getList("id", String.class)).as("the one resolved days ago is not recent").containsExactly(
                newerCritical.id(), olderCritical.id(), strongWarning.id(), resolved.id());
        assertThat(all.getDouble("[2].score")).isCloseTo(10.0 / 11, offset(1e-6));
        assertThat(all.getString("[2].why")).isEqualTo("mean observed 30.0 vs expected 20.00");
        assertThat(all.getString("[1].feedback.verdict")).isEqualTo("FALSE_ALARM");
        assertThat(all.getString("[1].feedback.actor")).isEqualTo("ops");
        assertThat(all.getString("[1].feedback.channel")).isEqualTo("rest");
        assertThat(all.getString("[0].feedback")).isNull();

        assertThat(ranked(run, "severity", "warning").getList("id", String.class))
                .containsExactly(strongWarning.id());
        assertThat(ranked(run, "source", "file").getList("id", String.class))
                .containsExactly(resolved.id());
        assertThat(ranked(run, "label", "device=~\"[ab]\"").getList("id", String.class))
                .containsExactly(olderCritical.id(), strongWarning.id());
        assertThat(ranked(run, "status", "resolved", "since", "7d").getList("id", String.class))
                .as("the stronger first").containsExactly(longAgo.id(), resolved.id());
        assertThat(ranked(run, "limit", "2").getList("id", String.class))
                .containsExactly(newerCritical.id(), olderCritical.id());

        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/ranked?label=run").then().statusCode(400)
                .body("reason", containsString("label 'run' is not a matcher"));
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/ranked?severity=loud").then().statusCode(400);
        given().get("/api/alerts/ranked").then().statusCode(401);
        ConsoleSession.login("alice", "alice-secret").request().queryParam("label", "run=\"" + run + "\"")
                .get("/api/alerts/ranked").then().statusCode(200).body("$", hasSize(4));
    }

    @Test
    void theStreamSendsTheRankedListAtOnceAndAgainWhenAnAlertArrives() throws Exception {
        String run = run();
        Alert first = stored(run, "a", "mqtt", Severity.WARNING, 2, Instant.now().minusSeconds(60), null);
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(stream + "?" + label("run=\"" + run + "\"")))
                .header("X-Vigil-Api-Key", KEY).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(ids(nextData(events))).containsExactly(first.id());
            Alert critical = stored(run, "b", "mqtt", Severity.CRITICAL, 5, Instant.now(), null);
            List<String> next = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                next.clear();
                next.addAll(ids(nextData(events)));
                return next.size() == 2;
            });
            assertThat(next).as("sent when it changed, ranked").containsExactly(critical.id(), first.id());
        }
        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                java.net.URI.create(stream + "?label=run")).header("X-Vigil-Api-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).as("a bad filter is refused before streaming").isEqualTo(400);
    }

    @Test
    void theSeriesAroundAnAlertFedThroughARouteHasItsValuesBandScoreAndSpan() throws Exception {
        String run = run();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
        for (int minute = 0; minute < 42; minute++) {
            double value = minute >= 30 && minute < 33 ? 60 : 20 + (minute % 3) - 1;
            producer.sendBodyAndHeader(IngestEndpoints.READINGS, String.format(Locale.ROOT,
                    "{\"metric\":\"flow\",\"value\":%.1f,\"ts\":\"%s\",\"tags\":{\"run\":\"%s\"}}", value,
                    start.plus(Duration.ofMinutes(minute)).plusSeconds(30), run), IngestEndpoints.SOURCE_HEADER, "series-api");
        }
        String fingerprint = Fingerprint.of("metric-baseline", "series-api", "flow{run=" + run + "}",
                new TreeMap<>(Map.of("run", run)));
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts.statusesOf(fingerprint).contains("RESOLVED"));
        Alert alert = alerts.latestOf(fingerprint).orElseThrow();

        // the history is written off the scoring path: wait for the windows after the resolve
        String lastWindow = start.plus(Duration.ofMinutes(42)).toString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(series(alert.id(), "").getList("points.at", String.class)).contains(lastWindow));
        JsonPath series = series(alert.id(), "");
        assertThat(series.getString("feature")).isEqualTo("mean");
        assertThat(series.getDouble("k")).as("the robust z limit of metric-baseline").isEqualTo(3.5);
        assertThat(series.getDouble("scoreThreshold")).isEqualTo(0.5);
        assertThat(series.getBoolean("truncated")).isFalse();
        List<Map<String, Object>> points = series.getList("points");
        List<Instant> times = points.stream().map(p -> Instant.parse((String) p.get("at"))).toList();
        assertThat(times).isSorted();
        List<Map<String, Object>> during = points.stream().filter(p -> within(p, alert)).toList();
        assertThat(during).as("the spike, from the alert's start to its end").isNotEmpty()
                .anySatisfy(p -> assertThat(((Number) p.get("observed")).doubleValue()).isEqualTo(60.0));
        assertThat(points).filteredOn(p -> Boolean.TRUE.equals(p.get("anomalous"))).allSatisfy(p -> {
            double expected = ((Number) p.get("expected")).doubleValue();
            double spread = ((Number) p.get("spread")).doubleValue();
            assertThat(expected).isBetween(19.0, 21.0);
            assertThat(((Number) p.get("upper")).doubleValue()).isCloseTo(expected + 3.5 * spread,
                    offset(1e-4));
            assertThat(((Number) p.get("lower")).doubleValue()).isCloseTo(expected - 3.5 * spread,
                    offset(1e-4));
            assertThat(((Number) p.get("score")).doubleValue()).isGreaterThanOrEqualTo(0.5);
        });
        assertThat(points).filteredOn(p -> Instant.parse((String) p.get("at")).isBefore(alert.startsAt()))
                .as("the windows before it, normal").hasSizeGreaterThanOrEqualTo(20)
                .allSatisfy(p -> assertThat(p.get("anomalous")).isEqualTo(false));

        JsonPath narrow = series(alert.id(), "?before=5&after=2&k=2");
        List<Map<String, Object>> few = narrow.getList("points");
        assertThat(few.stream().filter(p -> Instant.parse((String) p.get("at")).isBefore(alert.startsAt()))).hasSize(5);
        assertThat(few.stream().filter(p -> Instant.parse((String) p.get("at")).isAfter(alert.endsAt()))).hasSize(2);
        assertThat(narrow.getDouble("k")).isEqualTo(2.0);

        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/series?before=-1", alert.id()).then().statusCode(400)
                .body("reason", containsString("before must be between 0 and 1000"));
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/series?k=0", alert.id()).then().statusCode(400);
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/nope/series").then().statusCode(404);
        Alert withoutHistory = stored(run(), "x", "users", Severity.WARNING, 2, Instant.now(), null);
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/series", withoutHistory.id()).then().statusCode(200)
                .body("points", hasSize(0));
    }

    @Test
    void anAnswerGivenWithAConsoleSessionIsTheUsersThroughTheConsoleChannel() throws Exception {
        Alert alert = stored(run(), "a", "mqtt", Severity.CRITICAL, 5, Instant.now().minusSeconds(60), null);
        ConsoleSession alice = ConsoleSession.login("alice", "alice-secret");
        alice.request().contentType("application/json").body(Map.of("verdict", "FALSE_ALARM"))
                .post("/api/alerts/{id}/feedback", alert.id()).then().statusCode(403);
        alice.withCsrf().contentType("application/json").body(Map.of("verdict", "FALSE_ALARM", "channel", "cli"))
                .post("/api/alerts/{id}/feedback", alert.id()).then().statusCode(201)
                .body("actor", equalTo("alice")).body("channel", equalTo("console"))
                .body("reference", equalTo("console session of alice"));
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/feedback", alert.id()).then().statusCode(200)
                .body("current.verdict", equalTo("FALSE_ALARM")).body("current.actor", equalTo("alice"));
    }

    @Test
    void theDetailPageShowsTheAlertItsExplanationAndASilenceLinkAndTheIncidentsGroups() throws Exception {
        String run = run();
        Alert alert = stored(run, "boiler-9", "mqtt", Severity.CRITICAL, 5, Instant.now().minusSeconds(60), null);
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/related", alert.id()).then().statusCode(200)
                .body("groups", hasSize(1)).body("groups[0]", containsString(alert.fingerprint()))
                .body("alerts", hasSize(0));
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/nope/related").then().statusCode(404);

        ConsoleSession bob = ConsoleSession.login("bob", "bob-secret");
        bob.request().get("/console/").then().statusCode(303).header("Location", containsString("/console/alerts"));
        String page = bob.request().get("/console/alerts/{id}", alert.id()).then().statusCode(200).extract().asString();
        assertThat(page).contains("data-page=\"alert\"", alert.entity(), "mean observed 25.0 vs expected 20.00",
                "robust-z", "matcher=entity%3D%22temperature%7Bdevice%3Dboiler-9%2Crun%3D" + run,
                "matcher=detector%3D%22metric-baseline%22", "duration=2h");
        bob.request().get("/console/alerts/nope").then().statusCode(404).body(containsString("No alert has the id"));
    }

    private static boolean within(Map<String, Object> point, Alert alert) {
        Instant at = Instant.parse((String) point.get("at"));
        return !at.isBefore(alert.startsAt()) && !at.isAfter(alert.endsAt());
    }

    private static JsonPath series(String id, String query) {
        return given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/" + id + "/series" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    private List<String> ids(String list) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode alert : json.readTree(list)) {
            ids.add(alert.get("id").asText());
        }
        return ids;
    }

    /** The data of the next server-sent event. */
    private static String nextData(BufferedReader events) throws java.io.IOException {
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            if (line.startsWith("data:")) {
                return line.substring(5).strip();
            }
        }
        return null;
    }
}
