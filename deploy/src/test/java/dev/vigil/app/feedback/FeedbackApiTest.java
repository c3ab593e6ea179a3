package dev.vigil.app.feedback;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.Alerts;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.cli.FeedbackCli;
import dev.vigil.feedback.store.FeedbackStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** POST /api/alerts/{id}/feedback behind the API key, and ./vigil feedback talking to it. */
@QuarkusTest
class FeedbackApiTest {

    @Inject
    AlertStore alerts;
    @Inject
    FeedbackStore feedback;
    @TestHTTPResource("/")
    String baseUrl;

    @Test
    void withoutOrWithAWrongKeyNothingIsStored() throws Exception {
        Alert alert = Alerts.stored(alerts);
        given().contentType("application/json").body("{\"verdict\":\"FALSE_ALARM\"}")
                .post("/api/alerts/{id}/feedback", alert.id())
                .then().statusCode(401).body("reason", containsString("missing API key"));
        given().header("X-Vigil-Api-Key", "test-ops-kez").contentType("application/json").body("{\"verdict\":\"FALSE_ALARM\"}")
                .post("/api/alerts/{id}/feedback", alert.id())
                .then().statusCode(401).body("reason", equalTo("unknown API key"));
        assertThat(feedback.history(alert.id())).isEmpty();
    }

    @Test
    void anUnknownAlertIs404AndAnUnknownVerdict400() throws Exception {
        given().header("X-Vigil-Api-Key", "test-ops-key").contentType("application/json").body("{\"verdict\":\"FALSE_ALARM\"}")
                .post("/api/alerts/{id}/feedback", "no-such-alert")
                .then().statusCode(404).body("reason", equalTo("unknown alert 'no-such-alert'"));
        Alert alert = Alerts.stored(alerts);
        given().header("X-Vigil-Api-Key", "test-ops-key").contentType("application/json").body("{\"verdict\":\"MAYBE\"}")
                .post("/api/alerts/{id}/feedback", alert.id())
                .then().statusCode(400).body("reason", containsString("unknown verdict 'MAYBE'"));
        given().header("X-Vigil-Api-Key", "test-ops-key").contentType("application/json").body("{}")
                .post("/api/alerts/{id}/feedback", alert.id())
                .then().statusCode(400).body("reason", containsString("needs a verdict"));
        assertThat(feedback.history(alert.id())).isEmpty();
    }

    @Test
    void aGoodAnswerIsStoredAsTheKeysOwnerAndALaterOneSupersedesIt() throws Exception {
        Alert alert = Alerts.stored(alerts);
        int first = given().header("X-Vigil-Api-Key", "test-ops-key").contentType("application/json")
                .body(Map.of("verdict", "true-incident", "comment", "boiler 2 overheated"))
                .post("/api/alerts/{id}/feedback", alert.id())
                .then().statusCode(201).body("verdict", equalTo("TRUE_INCIDENT")).body("actor", equalTo("ops"))
                .body("channel", equalTo("rest")).body("supersedes", nullValue())
                .extract().path("id");
        given().header("X-Vigil-Api-Key", "test-ci-key").contentType("application/json")
                .body(Map.of("verdict", "EXPECTED", "comment", "load test"))
                .post("/api/alerts/{id}/feedback", alert.id())
                .then().statusCode(201).body("actor", equalTo("ci")).body("supersedes", equalTo(first));

        assertThat(feedback.latest(alert.id())).get().satisfies(latest -> {
            assertThat(latest.feedback().verdict()).isEqualTo(Verdict.EXPECTED);
            assertThat(latest.feedback().comment()).isEqualTo("load test");
        });
        assertThat(feedback.history(alert.id())).hasSize(2);
        given().header("X-Vigil-Api-Key", "test-ci-key").get("/api/alerts/{id}/feedback", alert.id())
                .then().statusCode(200).body("current.verdict", equalTo("EXPECTED")).body("history.size()", equalTo(2));
    }

    @Test
    void theCliPostsTheAnswerWithTheKeyFromTheEnvironment() throws Exception {
        Alert alert = Alerts.stored(alerts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("VIGIL_API_KEY", "test-ops-key", "VIGIL_URL", baseUrl);
        int code = FeedbackCli.run(new String[] {alert.id(), "false-alarm", "--comment", "probe unplugged"}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Stored FALSE_ALARM on alert " + alert.id() + " as ops");
        assertThat(feedback.latest(alert.id())).get().satisfies(latest -> {
            assertThat(latest.feedback().channel()).isEqualTo("cli");
            assertThat(latest.feedback().comment()).isEqualTo("probe unplugged");
        });

        err.reset();
        int refused = FeedbackCli.run(new String[] {alert.id(), "perhaps"}, env, new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(400)", "unknown verdict 'perhaps'");
        assertThat(FeedbackCli.run(new String[] {alert.id()}, env, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    }
}
