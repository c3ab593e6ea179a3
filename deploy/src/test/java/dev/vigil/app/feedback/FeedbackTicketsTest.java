package dev.vigil.app.feedback;

import java.nio.charset.StandardCharsets;

import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.Alerts;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.Secrets;
import dev.vigil.feedback.store.FeedbackStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Jira's issue-updated webhook and ServiceNow's outbound REST call turning a resolution into a verdict. */
@QuarkusTest
class FeedbackTicketsTest {

    @Inject
    AlertStore alerts;
    @Inject
    FeedbackStore feedback;

    static String jiraUpdate(String fingerprint, String resolution) {
        return """
                {"timestamp":1717229000000,"webhookEvent":"jira:issue_updated","issue_event_type_name":"issue_resolved",
                 "user":{"accountId":"5b10a2844c20165700ede21g","displayName":"Amy McGee"},
                 "issue":{"id":"10042","key":"OPS-42","fields":{"labels":["vigil","vigil-%s"]}},
                 "changelog":{"id":"10100","items":[
                   {"field":"resolution","fieldtype":"jira","from":null,"fromString":null,"to":"10001","toString":"%s"},
                   {"field":"status","fieldtype":"jira","from":"1","fromString":"Open","to":"10002","toString":"Done"}]}}
                """.formatted(fingerprint, resolution);
    }

    @Test
    void aSignedJiraResolutionBecomesTheVerdictOfTheLabelledAlert() throws Exception {
        Alert alert = Alerts.stored(alerts);
        byte[] body = jiraUpdate(alert.fingerprint(), "Won't Do").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-Hub-Signature", "sha256=" + Secrets.hmacSha256Hex("test-jira-secret", body))
                .body(body).post("/webhooks/jira")
                .then().statusCode(200).body("stored", equalTo(true)).body("feedback.alertId", equalTo(alert.id()));
        assertThat(feedback.latest(alert.id())).get().satisfies(latest -> {
            assertThat(latest.feedback().verdict()).isEqualTo(Verdict.FALSE_ALARM);
            assertThat(latest.feedback().channel()).isEqualTo("jira");
            assertThat(latest.feedback().actor()).isEqualTo("Amy McGee");
            assertThat(latest.reference()).isEqualTo("jira OPS-42");
        });
    }

    @Test
    void aJiraDeliveryWithABadSignatureIs401AndAnUnmappedOneIsIgnored() throws Exception {
        Alert alert = Alerts.stored(alerts);
        byte[] body = jiraUpdate(alert.fingerprint(), "Done").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-Hub-Signature", "sha256=" + Secrets.hmacSha256Hex("guess", body))
                .body(body).post("/webhooks/jira").then().statusCode(401).body("reason", containsString("does not match"));
        given().contentType("application/json").body(body).post("/webhooks/jira").then().statusCode(401);
        byte[] inProgress = jiraUpdate(alert.fingerprint(), "In Progress").replace("\"Done\"", "\"In Progress\"")
                .getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json")
                .header("X-Hub-Signature", "sha256=" + Secrets.hmacSha256Hex("test-jira-secret", inProgress))
                .body(inProgress).post("/webhooks/jira")
                .then().statusCode(200).body("stored", equalTo(false)).body("ignored", containsString("maps to no verdict"));
        assertThat(feedback.history(alert.id())).isEmpty();
    }

    @Test
    void aServiceNowResolutionWithTheTokenBecomesAVerdict() throws Exception {
        Alert alert = Alerts.stored(alerts);
        String body = "{\"correlation_id\":\"" + alert.fingerprint() + "\",\"number\":\"INC0010042\",\"state\":\"6\","
                + "\"close_code\":\"Solution provided\",\"close_notes\":\"replaced the pump\",\"resolved_by\":\"bob\"}";
        given().contentType("application/json").header("X-Vigil-Token", "wrong").body(body).post("/webhooks/servicenow")
                .then().statusCode(401).body("reason", equalTo("X-Vigil-Token is wrong"));
        assertThat(feedback.history(alert.id())).isEmpty();
        given().contentType("application/json").header("X-Vigil-Token", "test-servicenow-token").body(body)
                .post("/webhooks/servicenow").then().statusCode(200).body("stored", equalTo(true));
        assertThat(feedback.latest(alert.id())).get().satisfies(latest -> {
            assertThat(latest.feedback().verdict()).isEqualTo(Verdict.TRUE_INCIDENT);
            assertThat(latest.feedback().comment()).isEqualTo("replaced the pump");
        });
        given().contentType("application/json").header("X-Vigil-Token", "test-servicenow-token")
                .body(body.replace(alert.fingerprint(), "0000000000000000")).post("/webhooks/servicenow")
                .then().statusCode(404).body("reason", containsString("no alert with fingerprint"));
    }
}
