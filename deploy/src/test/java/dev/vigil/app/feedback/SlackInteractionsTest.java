package dev.vigil.app.feedback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.Alerts;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.slack.SlackSignatureVerifier;
import dev.vigil.feedback.store.FeedbackStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** A click on an alert message's button, signed as Slack signs it, through POST /slack/interactions. */
@QuarkusTest
class SlackInteractionsTest {

    private static final String SECRET = "test-slack-signing-secret";
    private static final String RESPONSE_PATH = "/actions/T0VIGIL01/1234567890/response-url-secret";

    static WireMockServer slack;

    @Inject
    AlertStore alerts;
    @Inject
    FeedbackStore feedback;

    @BeforeAll
    static void startSlackStub() {
        slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slack.start();
        // Slack answers a response_url POST with 200 and {"ok": true}
        slack.stubFor(post(urlEqualTo(RESPONSE_PATH)).willReturn(ok("{\"ok\":true}")));
    }

    @AfterAll
    static void stopSlackStub() {
        slack.stop();
    }

    private static String form(String alertId, String verdict) {
        String payload = """
                {"type":"block_actions","user":{"id":"U0AMY","username":"amy","name":"amy","team_id":"T0VIGIL01"},
                 "api_app_id":"A0VIGIL","token":"legacy","container":{"type":"message","message_ts":"1717229000.000100","channel_id":"C0ALERTS","is_ephemeral":false},
                 "trigger_id":"1.2.3","team":{"id":"T0VIGIL01","domain":"vigil"},"channel":{"id":"C0ALERTS","name":"alerts"},
                 "message":{"type":"message","ts":"1717229000.000100","text":"[FIRING] CRITICAL boiler","blocks":[
                   {"type":"header","block_id":"h","text":{"type":"plain_text","text":"CRITICAL boiler"}},
                   {"type":"actions","block_id":"vigil_feedback","elements":[]}]},
                 "response_url":"%s",
                 "actions":[{"action_id":"vigil_feedback_%s","block_id":"vigil_feedback","type":"button","value":"%s:%s","action_ts":"%d.000200"}]}
                """.formatted("http://127.0.0.1:" + slack.port() + RESPONSE_PATH, verdict.toLowerCase(), alertId, verdict,
                Instant.now().getEpochSecond());
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private static Response click(String body, long timestamp, String signature) {
        return given().contentType("application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp)).header("X-Slack-Signature", signature)
                .body(body).post("/slack/interactions");
    }

    @Test
    void aSignedClickIsStoredAnsweredWithin3SecondsAndTheMessageShowsWhoAnswered() throws Exception {
        Alert alert = Alerts.stored(alerts);
        String body = form(alert.id(), "FALSE_ALARM");
        long now = Instant.now().getEpochSecond();
        Response response = click(body, now,
                SlackSignatureVerifier.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.timeIn(java.util.concurrent.TimeUnit.MILLISECONDS)).isLessThan(3000);
        assertThat(feedback.latest(alert.id())).get().satisfies(latest -> {
            assertThat(latest.feedback().verdict()).isEqualTo(Verdict.FALSE_ALARM);
            assertThat(latest.feedback().channel()).isEqualTo("slack");
            assertThat(latest.feedback().actor()).isEqualTo("amy");
            assertThat(latest.reference()).contains("user=U0AMY", "channel=C0ALERTS");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> slack.verify(postRequestedFor(urlEqualTo(RESPONSE_PATH))
                .withRequestBody(matchingJsonPath("$.replace_original", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true")))
                .withRequestBody(containing("<@U0AMY> answered *false alarm*"))));

        // the same signed request again is a replay
        click(body, now, SlackSignatureVerifier.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(401).body("reason", containsString("replay"));
        assertThat(feedback.history(alert.id())).hasSize(1);
    }

    @Test
    void aBadOrStaleSignatureIs401AndStoresNothing() throws Exception {
        Alert alert = Alerts.stored(alerts);
        String body = form(alert.id(), "TRUE_INCIDENT");
        long now = Instant.now().getEpochSecond();
        click(body, now, SlackSignatureVerifier.sign("not-the-secret", now, body.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(401).body("reason", containsString("does not match"));
        long stale = now - 600;
        click(body, stale, SlackSignatureVerifier.sign(SECRET, stale, body.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(401).body("reason", containsString("more than 5 minutes"));
        given().contentType("application/x-www-form-urlencoded").body(body).post("/slack/interactions")
                .then().statusCode(401);
        assertThat(feedback.history(alert.id())).isEmpty();
    }

    @Test
    void aSignedClickOnAnUnknownAlertIs404() {
        String body = form("no-such-alert", "EXPECTED");
        long now = Instant.now().getEpochSecond();
        click(body, now, SlackSignatureVerifier.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(404).body("reason", containsString("unknown alert 'no-such-alert'"));
    }
}
