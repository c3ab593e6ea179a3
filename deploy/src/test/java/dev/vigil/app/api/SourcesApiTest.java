package dev.vigil.app.api;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.IngestEndpoints;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

/**
 * {@code /api/sources}: what a route hands on and what it rejects shows up per source, as JSON and as server-sent
 * events. Readings go in where every user route ends ({@code direct:vigil-readings}), under a source of the test's own.
 */
@QuarkusTest
class SourcesApiTest {

    private static final String KEY = "test-ops-key";

    @Inject
    ProducerTemplate producer;
    @Inject
    ObjectMapper json;
    @TestHTTPResource("/api/sources/stream")
    URL stream;

    private void read(String source, String body) {
        producer.sendBodyAndHeader(IngestEndpoints.READINGS, body, IngestEndpoints.SOURCE_HEADER, source);
    }

    private static String reading(double value) {
        return "{\"metric\":\"flow\",\"value\":" + value + ",\"ts\":\"" + Instant.now() + "\"}";
    }

    @Test
    void eachSourceShowsItsEventsRateLastEventAndTheLatestDeadLetterReasons() {
        given().header("X-Vigil-Api-Key", KEY).get("/api/sources").then().statusCode(200)
                .body("source", hasItems("mqtt", "kafka", "file")); // listed before their first event

        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 5; i++) {
            read("sources-api", reading(40 + i));
        }
        read("sources-api", "{\"metric\":\"flow\",\"value\":\"high\"}");

        JsonNode source = sourceNamed(given().header("X-Vigil-Api-Key", KEY).get("/api/sources").then()
                .statusCode(200).extract().asString(), "sources-api");
        assertThat(source.get("events").asLong()).isEqualTo(5);
        assertThat(source.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(Instant.parse(source.get("lastEventAt").asText())).isAfter(before);
        assertThat(source.get("quiet").asBoolean()).isFalse();
        assertThat(source.get("deadLetters").asLong()).isEqualTo(1);
        assertThat(source.get("recentDeadLetters").get(0).get("reason").asText()).contains("value");
        assertThat(source.get("rateHistory")).hasSize(60);
    }

    @Test
    void theStreamSendsTheListAtOnceAndAgainAsEventsArrive() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(stream.toURI()).header("X-Vigil-Api-Key", KEY)
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(nextData(events)).isNotNull();
            read("sources-stream", reading(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode source = sourceNamed(nextData(events), "sources-stream");
                return source != null && source.get("events").asLong() == 1;
            });
        }
    }

    @Test
    void refusesCallersWithoutAKeyOrSession() throws Exception {
        given().get("/api/sources").then().statusCode(401);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stream.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
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

    private JsonNode sourceNamed(String list, String name) throws RuntimeException {
        try {
            for (JsonNode source : json.readTree(list)) {
                if (source.get("source").asText().equals(name)) {
                    return source;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
