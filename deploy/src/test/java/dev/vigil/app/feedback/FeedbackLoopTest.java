package dev.vigil.app.feedback;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.lifecycle.Fingerprint;
import dev.vigil.alerting.silence.SilenceStore;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.cli.ExportFeaturesCli;
import dev.vigil.app.cli.ReportCli;
import dev.vigil.app.testing.Inbox;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.Severity;
import dev.vigil.detection.DetectionEngine;
import dev.vigil.feedback.history.HistoryReader;
import dev.vigil.feedback.history.ScoreHistory;
import dev.vigil.feedback.history.ScoredWindow;
import dev.vigil.feedback.store.AlertVerdicts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The loop closed in the running application: scored windows land in the score history; answers change what Vigil
 * does (new normal resets the baseline, expected proposes a silence that can be accepted, repeated false alarms raise
 * the entity's threshold and its next alert says why); thresholds are set, pinned and unpinned by hand; the report
 * and the feature export (REST and CLI) read it all back.
 */
@QuarkusTest
class FeedbackLoopTest {

    private static final String KEY = "test-ops-key";

    @ConfigProperty(name = "vigil.files.inbox")
    Path inbox;
    @Inject
    AlertStore alerts;
    @Inject
    AlertVerdicts verdicts;
    @Inject
    ScoreHistory history;
    @Inject
    HistoryReader reader;
    @Inject
    DetectionEngine engine;
    @Inject
    Silences silences;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @TestHTTPResource("/")
    String baseUrl;

    private static void answer(String alertId, String verdict) {
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json").body(Map.of("verdict", verdict))
                .post("/api/alerts/{id}/feedback", alertId).then().statusCode(201);
    }

    private Alert stored(String entity, String source) throws Exception {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("site", "loop"));
        Alert alert = new Alert(UUID.randomUUID().toString(), Fingerprint.of("metric-baseline", source, entity, labels),
                AlertStatus.RESOLVED, Severity.WARNING, source, entity, "metric-baseline",
                Instant.now().minusSeconds(600), Instant.now().minusSeconds(60), entity + " is anomalous",
                new Explanation("mean", 9, 5, 1, List.of(new Finding("robust-z", 4, 3.5, "mean observed 9"))), labels);
        alerts.save(alert);
        return alert;
    }

    /**
     * Points of one series a minute apart, each 30 s after {@code start} plus its minutes; from a whole minute, each
     * window is closed by the next point.
     */
    private List<Score> feed(String metric, String device, Instant start, double... values) {
        List<Observation> points = new ArrayList<>();
        TreeMap<String, String> tags = new TreeMap<>(Map.of("device", device, "site", "loop"));
        for (int i = 0; i < values.length; i++) {
            points.add(new Observation("mqtt", Observation.seriesName(metric, tags), tags,
                    start.plus(Duration.ofMinutes(i)).plusSeconds(30), values[i]));
        }
        return engine.onObservations(points);
    }

    private static double[] steady(int n, double level) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = level + (i % 3) - 1;
        }
        return values;
    }

    @Test
    void aScoredFileIsInTheHistoryItsAnsweredAlertInTheReportAndItsWindowsInTheLabelledExport() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
        String tag = "loop" + UUID.randomUUID().toString().substring(0, 6);
        String entity = "orders{channel=shop,region=" + tag + "}";
        new Inbox(inbox).drop("orders-" + tag + ".csv",
                Inbox.ordersWithCollapse(t0, "region=" + tag + ",channel=shop").getBytes(StandardCharsets.UTF_8));
        String fingerprint = Fingerprint.of("metric-baseline", "file", entity,
                new TreeMap<>(Map.of("channel", "shop", "region", tag)));
        await().atMost(Duration.ofSeconds(60)).until(() -> alerts.statusesOf(fingerprint).contains("RESOLVED"));

        history.flush(Duration.ofSeconds(10));
        List<ScoredWindow> windows = new ArrayList<>();
        reader.windows("metric-baseline", t0, t0.plus(Duration.ofDays(2)), w -> {
            if (w.entity().equals(entity)) {
                windows.add(w);
            }
        });
        assertThat(windows).as("every scored hour after the warm-up").hasSizeGreaterThanOrEqualTo(25);
        assertThat(windows).filteredOn(ScoredWindow::anomalous).anySatisfy(w -> assertThat(w.observed()).isEqualTo(12.0))
                .allSatisfy(w -> {
            assertThat(w.expected()).isBetween(95.0, 105.0);
            assertThat(w.spread()).isPositive();
            assertThat(w.ratio()).isGreaterThanOrEqualTo(1);
            assertThat(w.thresholdFactor()).isEqualTo(1.0);
            assertThat(w.features()).containsKeys("mean", "min", "max", "last", "count");
            assertThat(w.fingerprint()).isEqualTo(fingerprint);
        });

        String alertId = alerts.latestIdOf(fingerprint).orElseThrow();
        answer(alertId, "true-incident");

        JsonPath report = given().header("X-Vigil-Api-Key", KEY).get("/api/report?days=7").then().statusCode(200)
                .body("version", equalTo(1)).extract().jsonPath();
        Map<String, Object> baseline = report.getMap("detectors.find { it.detector == 'metric-baseline' }");
        assertThat((Integer) baseline.get("alerts")).isPositive();
        assertThat(report.getInt("detectors.find { it.detector == 'metric-baseline' }.feedback.trueIncident")).isPositive();
        assertThat(report.getInt("detectors.find { it.detector == 'metric-baseline' }.recall.alertingNow")).isPositive();
        assertThat(report.getList("detectors.find { it.detector == 'metric-baseline' }.perDay")).hasSize(7);
        assertThat(baseline).containsKeys("precision", "budget", "withinBudget", "threshold", "thresholdHistory");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("VIGIL_API_KEY", KEY, "VIGIL_URL", baseUrl);
        assertThat(ReportCli.run(new String[] {"--days", "7"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Vigil report", "metric-baseline");

        Path csv = Files.createTempDirectory("vigil-export").resolve("features.csv");
        err.reset();
        int code = ExportFeaturesCli.run(new String[] {"--output", csv.toString(), "--detector", "metric-baseline",
                "--from", t0.toString(), "--to", t0.plus(Duration.ofDays(2)).toString(), "--labelled"}, env,
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("export-features: ").contains("windows -> " + csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("detector,source,entity,window_end,count,last,max,mean,min,score,label");
        List<String> ours = lines.stream().filter(l -> l.contains("\"" + entity + "\"")).toList();
        assertThat(ours).hasSize(windows.size());
        assertThat(ours).filteredOn(l -> l.contains(",12,12,12,")).as("the collapse, labelled by its answered alert")
                .hasSize(3).allSatisfy(l -> assertThat(l).endsWith(",TRUE_INCIDENT"));
        assertThat(ours).filteredOn(l -> l.endsWith(",")).hasSizeGreaterThan(20);

        err.reset();
        assertThat(ExportFeaturesCli.run(new String[] {"--output", csv.toString(), "--from", "yesterday"}, env,
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from must be an ISO-8601 instant");
        err.reset();
        assertThat(ExportFeaturesCli.run(new String[] {"--output", csv.toString(), "--detector", "nope"}, env,
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(404)", "unknown detector 'nope'");
    }

    @Test
    void threeFalseAlarmsOnOneFingerprintRaiseItsThresholdAndItsNextAlertSaysWhy() throws Exception {
        String device = "fa-" + UUID.randomUUID().toString().substring(0, 6);
        String entity = "temperature{device=" + device + ",site=loop}";
        for (int i = 0; i < 3; i++) {
            Alert alert = stored(entity, "mqtt");
            answer(alert.id(), "false-alarm");
            if (i < 2) {
                given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/feedback", alert.id()).then()
                        .body("effects.size()", equalTo(0));
            } else {
                given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/feedback", alert.id()).then()
                        .body("effects[0].kind", equalTo("threshold-raised"))
                        .body("effects[0].detail", containsString("from ×1.00 to ×1.25"));
            }
        }
        given().header("X-Vigil-Api-Key", KEY).get("/api/thresholds").then().statusCode(200)
                .body("find { it.detector == 'metric-baseline' }.entities.find { it.entity == '" + entity + "' }.factor",
                        equalTo(1.25f));

        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
        double[] values = new double[35];
        System.arraycopy(steady(30, 20), 0, values, 0, 30);
        values[30] = 60;
        values[31] = 60;
        values[32] = 60;
        values[33] = 20;
        values[34] = 20;
        List<Score> scored = feed("temperature", device, start, values);
        assertThat(scored).filteredOn(s -> s.entity().equals(entity) && s.anomalous()).first().satisfies(s ->
                assertThat(s.explanation().evidence()).singleElement().asString()
                        .startsWith("threshold ×1.25 on every limit (3 false alarms on alerts of this fingerprint"));
    }

    @Test
    void newNormalForgetsTheBaselineAndExpectedProposesASilenceThatCanBeAccepted() throws Exception {
        String device = "nn-" + UUID.randomUUID().toString().substring(0, 6);
        String entity = "pressure{device=" + device + ",site=loop}";
        // from a whole minute: each point lies 30 s into its window, past the 10 s lateness, so the next one closes it
        // (from any instant, a point less than 10 s into its minute would close the window before last instead)
        feed("pressure", device, Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1)), steady(15, 5));
        var states = engine.detectors().get(0).detector().states();
        assertThat(states.state("mqtt", entity, "mean").count()).as("14 windows learned").isEqualTo(14);
        Alert shifted = stored(entity, "mqtt");
        answer(shifted.id(), "new-normal");
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/feedback", shifted.id()).then()
                .body("effects[0].kind", equalTo("baseline-reset"))
                // the shipped metric-baseline keeps the entity's series and its ensemble's models
                .body("effects[0].detail", containsString("forgot the 1 learned series (and any models) of " + entity));
        // learning starts again (the last open window may have closed since, by idle timeout)
        assertThat(states.state("mqtt", entity, "mean").count()).isLessThanOrEqualTo(1);

        Alert planned = stored("load{device=" + device + ",site=loop}", "file");
        answer(planned.id(), "expected");
        JsonPath proposals = given().header("X-Vigil-Api-Key", KEY).get("/api/silence-proposals").then().statusCode(200)
                .extract().jsonPath();
        int id = proposals.getInt("find { it.alertId == '" + planned.id() + "' }.id");
        assertThat(proposals.getList("find { it.alertId == '" + planned.id() + "' }.matchers", String.class))
                .containsExactly("detector=\"metric-baseline\"", "source=\"file\"",
                        "entity=\"load{device=" + device + ",site=loop}\"", "site=\"loop\"");
        assertThat(silences.silencing(firing(planned), Instant.now())).as("only proposed").isEmpty();

        given().header("X-Vigil-Api-Key", KEY).post("/api/silence-proposals/{id}/accept", id).then().statusCode(201)
                .body("kind", equalTo("silence-created"));
        assertThat(silences.silencing(firing(planned), Instant.now())).isPresent();
        assertThat(new Silences(Clock.systemUTC(), List.of(), new SilenceStore(dataSource, json))
                .silencing(firing(planned), Instant.now())).as("stored: every instance, and a restart, mute with it")
                .isPresent();
        given().header("X-Vigil-Api-Key", KEY).post("/api/silence-proposals/{id}/accept", id).then().statusCode(409);
        given().header("X-Vigil-Api-Key", KEY).get("/api/silence-proposals").then()
                .body("find { it.id == " + id + " }.accepted", equalTo(true));
        given().post("/api/silence-proposals/{id}/accept", id).then().statusCode(401);
    }

    private static Alert firing(Alert alert) {
        return new Alert(alert.id(), alert.fingerprint(), AlertStatus.FIRING, alert.severity(), alert.source(),
                alert.entity(), alert.detector(), alert.startsAt(), null, alert.summary(), alert.explanation(),
                alert.labels());
    }

    @Test
    void aThresholdIsSetPinnedAndUnpinnedByHandWithEachChangeInItsHistory() {
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json")
                .body(Map.of("factor", 1.5, "reason", "too chatty during the migration"))
                .put("/api/thresholds/{d}", "log-errors").then().statusCode(200)
                .body("oldFactor", equalTo(1.0f)).body("newFactor", equalTo(1.5f)).body("pinned", equalTo(true))
                .body("changedBy", equalTo("api:ops"));
        given().header("X-Vigil-Api-Key", KEY).get("/api/thresholds").then()
                .body("find { it.detector == 'log-errors' }.factor", equalTo(1.5f))
                .body("find { it.detector == 'log-errors' }.pinned", equalTo(true));
        given().header("X-Vigil-Api-Key", KEY).delete("/api/thresholds/{d}/pin", "log-errors").then().statusCode(200)
                .body("pinned", equalTo(false)).body("newFactor", equalTo(1.5f));
        given().header("X-Vigil-Api-Key", KEY).delete("/api/thresholds/{d}/pin", "log-errors").then().statusCode(409);
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json").body(Map.of("factor", 1, "pinned", false))
                .put("/api/thresholds/{d}", "log-errors").then().statusCode(200);
        given().header("X-Vigil-Api-Key", KEY).get("/api/thresholds/{d}/history", "log-errors").then().statusCode(200)
                .body("reason", hasItem("too chatty during the migration")).body("reason", hasItem("unpinned by hand"));

        given().header("X-Vigil-Api-Key", KEY).contentType("application/json").body(Map.of("factor", 0))
                .put("/api/thresholds/{d}", "log-errors").then().statusCode(400).body("reason", containsString("between"));
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json").body(Map.of("factor", 2))
                .put("/api/thresholds/{d}", "nope").then().statusCode(404);
        given().contentType("application/json").body(Map.of("factor", 2)).put("/api/thresholds/{d}", "log-errors")
                .then().statusCode(401);
        given().header("X-Vigil-Api-Key", KEY).post("/api/thresholds/tune").then().statusCode(200)
                .body("outcomes.size()", equalTo(0)); // the shipped detectors have no budget
    }
}
