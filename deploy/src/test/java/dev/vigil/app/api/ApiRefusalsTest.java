package dev.vigil.app.api;

import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.Alerts;
import dev.vigil.contracts.Alert;
import dev.vigil.feedback.store.FeedbackStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the REST API and the webhooks, the framework's own (a body that is not JSON, a content type or
 * method an endpoint does not take, a path nothing serves, a parameter that is not a number) as much as the
 * endpoints', answers with its status and {@code {"status": ..., "reason": "..."}}, over real HTTP.
 */
@QuarkusTest
class ApiRefusalsTest {

    private static final String KEY = "test-ops-key";

    @Inject
    AlertStore alerts;
    @Inject
    FeedbackStore feedback;

    private static RequestSpecification withKey() {
        return given().header("X-Vigil-Api-Key", KEY);
    }

    @Test
    void aFeedbackBodyThatIsNotJsonOrNotJsonAtAllIsRefusedWithTheReasonAndNothingIsStored() throws Exception {
        Alert alert = Alerts.stored(alerts);
        refused(withKey().contentType("application/json").body("{\"verdict\":")
                .post("/api/alerts/{id}/feedback", alert.id()), 400, "the body is not valid JSON", "line 1, column 12");
        refused(withKey().contentType("text/plain").body("FALSE_ALARM")
                .post("/api/alerts/{id}/feedback", alert.id()), 415, "content type 'text/plain", "send application/json");
        refused(withKey().contentType("application/json").body("{\"verdict\":[1,2]}")
                .post("/api/alerts/{id}/feedback", alert.id()), 400, "the body's 'verdict' does not fit");
        refused(withKey().contentType("application/json").body("[\"FALSE_ALARM\"]")
                .post("/api/alerts/{id}/feedback", alert.id()), 400, "the body must be a JSON object");
        assertThat(feedback.history(alert.id())).isEmpty();
    }

    @Test
    void bodiesOfTheOtherEndpointsAreRefusedTheSameWay() {
        refused(withKey().contentType("application/json").body("{\"factor\":\"high\"}")
                .put("/api/thresholds/metric-baseline"), 400, "the body's 'factor' does not fit");
        refused(withKey().contentType("application/json").body("{\"matchers\":[\"site=\\\"a\\\"\"],")
                .post("/api/silences"), 400, "the body is not valid JSON");
        refused(withKey().contentType("application/xml").body("<silence/>").post("/api/silences"), 415,
                "content type 'application/xml");
    }

    @Test
    void pathsNothingServesAndMethodsAPathDoesNotTakeAreRefusedWithTheReason() {
        refused(withKey().get("/api/no-such-thing"), 404, "nothing is served at GET /api/no-such-thing");
        refused(withKey().get("/api/alerts/a/b/c"), 404, "nothing is served at GET /api/alerts/a/b/c");
        refused(withKey().get("/api/alerts/{id}", "no-such-alert"), 404, "unknown alert 'no-such-alert'");
        refused(withKey().get("/api/alerts/{id}/deliveries", "no-such-alert"), 404, "unknown alert 'no-such-alert'");
        refused(withKey().contentType("application/json").body("{}").patch("/api/silences"), 405,
                "method PATCH is not allowed at /api/silences");
        refused(given().get("/webhooks/jira"), 405, "method GET is not allowed at /webhooks/jira");
        refused(given().contentType("application/json").body("{}").post("/webhooks/nothing-here"), 404,
                "nothing is served at POST /webhooks/nothing-here");
        refused(withKey().accept("text/html").get("/api/alerts"), 406, "Accept: text/html");
    }

    @Test
    void parametersOfTheWrongFormatOrOutOfRangeAreRefusedNamingTheParameter() {
        refused(withKey().post("/api/silence-proposals/{id}/accept", "not-a-number"), 400,
                "parameter 'id' cannot be 'not-a-number'");
        refused(withKey().get("/api/report?days=seven"), 400, "parameter 'days' cannot be 'seven'");
        refused(withKey().get("/api/alerts/ranked?limit=many"), 400, "parameter 'limit' cannot be 'many'");
        refused(withKey().get("/api/report?days=0"), 400, "days must be between 1 and 366, got 0");
        refused(withKey().get("/api/deliveries?limit=5000"), 400, "limit must be between 1 and 1000, got 5000");
        refused(withKey().get("/api/deliveries?state=lost"), 400, "state 'lost' is not one of");
    }

    @Test
    void refusalsBeforeTheEndpointSayWhyToo() {
        refused(given().get("/api/alerts"), 401, "missing API key");
        refused(given().header("X-Vigil-Api-Key", "nope").get("/api/no-such-thing"), 401, "unknown API key");
        refused(given().contentType("application/json").body("{}").post("/slack/interactions"), 401,
                "X-Slack-Request-Timestamp");
    }

    /** The status, a JSON body saying the same status, and a reason with the fragments. */
    private static void refused(Response response, int status, String... reasonFragments) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as("content type of the %s", status).startsWith("application/json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("reason")).contains(reasonFragments);
    }
}
