package dev.vigil.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vigil.app.testing.Inbox;
import dev.vigil.app.testing.SlackWebApiProfile;
import dev.vigil.app.testing.SlackWebApiStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Slack receiver in Web API mode against a Slack that keeps its channel ({@link SlackWebApiStub}): a post Slack
 * took but whose reply was lost is found again in the channel's history by the idempotency key in its metadata and
 * updated, so the channel holds one message per incident, which the resolve then edits.
 */
@QuarkusTest
@TestProfile(SlackWebApiProfile.class)
class SlackWebApiDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.DAYS);

    @ConfigProperty(name = "vigil.files.inbox")
    Path inbox;
    @ConfigProperty(name = "vigil.notify.slack.api-url")
    URI api;

    @Test
    void aPostWhoseReplyWasLostIsFoundInTheChannelAndUpdatedSoTheChannelHoldsOneMessage() throws Exception {
        String region = "replylost";
        WireMock slack = new WireMock(api.getHost(), api.getPort());
        // Slack takes the first post about the region, then the connection drops before its reply
        slack.register(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("region=" + region))
                .inScenario(region).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reply lost")
                .willReturn(aResponse().withTransformers(SlackWebApiStub.NAME)
                        .withTransformerParameters(SlackWebApiStub.replyLost())));

        new Inbox(inbox).drop("orders-" + region + ".csv",
                Inbox.ordersWithCollapse(T0, "region=" + region).getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> messagesAbout(region).stream()
                .anyMatch(m -> m.path("text").asText().startsWith("[RESOLVED]")));

        List<JsonNode> messages = messagesAbout(region);
        assertThat(messages).as("one message for the incident, not a twin left FIRING").singleElement()
                .satisfies(m -> assertThat(m.path("metadata").path("event_type").asText()).isEqualTo("vigil_notification"));
        String ts = messages.get(0).path("ts").asText();
        assertThat(slack.find(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("region=" + region)))).as("posted once: the retry updated it").hasSize(1);
        assertThat(slack.find(getRequestedFor(urlPathEqualTo("/api/conversations.history")))).isNotEmpty();

        await().atMost(WAIT).until(() -> slackDeliveries(region).stream().allMatch(d -> "SENT".equals(d.get("state")))
                && slackDeliveries(region).size() == 2);
        assertThat(slackDeliveries(region)).extracting(d -> d.get("status"), d -> d.get("attempts"), d -> d.get("reference"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("FIRING", 2, SlackWebApiStub.CHANNEL_ID + "/" + ts),
                        org.assertj.core.groups.Tuple.tuple("RESOLVED", 1, SlackWebApiStub.CHANNEL_ID + "/" + ts));
    }

    /** The channel's messages about the region, read as any Slack client reads them, newest first. */
    private List<JsonNode> messagesAbout(String region) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api + "/conversations.history?channel=" + SlackWebApiStub.CHANNEL_ID
                        + "&limit=999&include_all_metadata=true"))
                .header("Authorization", "Bearer " + SlackWebApiStub.TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("ok").asBoolean()).as(response.body()).isTrue();
        List<JsonNode> about = new ArrayList<>();
        answer.path("messages").forEach(m -> {
            if (m.path("text").asText().contains("region=" + region)) {
                about.add(m);
            }
        });
        return about;
    }

    private static List<Map<String, Object>> slackDeliveries(String region) {
        List<Map<String, Object>> all = given().header("X-Vigil-Api-Key", "test-ops-key")
                .queryParam("receiver", "slack").queryParam("since", "1h").queryParam("limit", 1000)
                .get("/api/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(d -> String.valueOf(d.get("entity")).contains("region=" + region)).toList();
    }
}
