package dev.vigil.app.api;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.alerting.silence.Silences;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Severity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** /api/silences behind the API key: what it creates is the silence the notification path mutes with. */
@QuarkusTest
class SilencesApiTest {

    private static final String KEY = "test-ops-key";

    @Inject
    Silences silences;

    private static Alert firing(String entity) {
        return new Alert("a-" + entity, "fp-" + entity, AlertStatus.FIRING, Severity.WARNING, "mqtt", entity,
                "metric-baseline", Instant.now(), null, entity + " is anomalous",
                new Explanation("mean", 1, 0, 1, java.util.List.of()), new TreeMap<>(Map.of("site", "plant-9")));
    }

    @Test
    void aSilenceCreatedThroughTheApiMutesWhatItMatchesAndNothingElseUntilItIsExpired() {
        String id = given().header("X-Vigil-Api-Key", KEY).contentType("application/json")
                .body("{\"matchers\":[\"entity=~\\\"boiler-.*\\\"\",\"site=\\\"plant-9\\\"\"],\"comment\":\"descaling\","
                        + "\"endsAt\":\"" + Instant.now().plusSeconds(3600) + "\"}")
                .post("/api/silences")
                .then().statusCode(201).body("creator", equalTo("ops")).body("active", equalTo(true))
                .body("matchers", hasItem("entity=~\"boiler-.*\""))
                .extract().path("id");

        assertThat(silences.silencing(firing("boiler-3"), Instant.now())).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(id));
        assertThat(silences.silencing(firing("pump-1"), Instant.now())).isEmpty();
        given().header("X-Vigil-Api-Key", KEY).get("/api/silences").then().statusCode(200).body("id", hasItem(id));

        given().header("X-Vigil-Api-Key", KEY).delete("/api/silences/{id}", id).then().statusCode(200).body("active", equalTo(false));
        assertThat(silences.silencing(firing("boiler-3"), Instant.now().plusSeconds(1))).isEmpty();
    }

    @Test
    void refusesWhatItCannotUseWithTheReason() {
        given().contentType("application/json").body("{}").post("/api/silences").then().statusCode(401);
        given().get("//api/silences").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/./api/silences").then().statusCode(401);
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json")
                .body("{\"matchers\":[\"entity~boiler\"],\"comment\":\"x\",\"endsAt\":\"" + Instant.now().plusSeconds(60) + "\"}")
                .post("/api/silences").then().statusCode(400).body("reason", containsString("is not a matcher"));
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json")
                .body("{\"matchers\":[\"site=\\\"a\\\"\"],\"comment\":\"x\",\"endsAt\":\"2020-01-01T00:00:00Z\"}")
                .post("/api/silences").then().statusCode(400).body("reason", containsString("not in the future"));
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json")
                .body("{\"matchers\":[\"site=\\\"a\\\"\"],\"endsAt\":\"" + Instant.now().plusSeconds(60) + "\"}")
                .post("/api/silences").then().statusCode(400).body("reason", containsString("comment"));
        given().header("X-Vigil-Api-Key", KEY).delete("/api/silences/{id}", "nope").then().statusCode(404)
                .body("reason", equalTo("unknown silence 'nope'"));
    }
}
