package dev.vigil.app.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document at {@code /q/openapi}: every operation of the API, each {@code /api} one behind the key. */
@QuarkusTest
class ApiDocumentTest {

    @Test
    void describesEveryOperationAndTheApiKeyEachApiOperationNeeds() throws Exception {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode document = new ObjectMapper().readTree(body);

        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
                if (path.getKey().startsWith("/api/")) {
                    assertThat(operation.getValue().path("security").toString()).as(path.getKey())
                            .isEqualTo("[{\"api-key\":[]}]");
                } else {
                    assertThat(operation.getValue().path("description").asText()).as(path.getKey())
                            .contains("Signed by its sender");
                }
            }
        }
        assertThat(operations).containsExactlyInAnyOrder("GET /api/alerts", "GET /api/alerts/ranked",
                "GET /api/alerts/ranked/stream", "GET /api/alerts/{id}", "GET /api/alerts/{id}/deliveries",
                "GET /api/alerts/{id}/feedback", "POST /api/alerts/{id}/feedback", "GET /api/alerts/{id}/related",
                "GET /api/alerts/{id}/series", "GET /api/deliveries", "GET /api/export/features", "GET /api/models",
                "GET /api/report", "GET /api/silence-proposals", "POST /api/silence-proposals/{id}/accept",
                "GET /api/silences", "POST /api/silences", "DELETE /api/silences/{id}", "GET /api/sources",
                "GET /api/sources/stream", "GET /api/thresholds", "POST /api/thresholds/tune",
                "PUT /api/thresholds/{detector}", "GET /api/thresholds/{detector}/history",
                "DELETE /api/thresholds/{detector}/pin", "POST /api/v1/write", "POST /api/otlp/v1/metrics", "POST /api/otlp/v1/logs", "POST /slack/interactions", "POST /webhooks/jira",
                "POST /webhooks/servicenow");
        assertThat(operations).noneMatch(operation -> operation.contains("/console"));
        assertThat(document.at("/components/securitySchemes/api-key/name").asText()).isEqualTo("X-Vigil-Api-Key");
        assertThat(document.at("/info/title").asText()).isEqualTo("Vigil");
    }
}
