package dev.vigil.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.vigil.app.testing.Inbox;
import dev.vigil.app.testing.NamedReceiverProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A team's receiver named in the alerting file ({@link NamedReceiverProfile}): its alerts reach its own Slack channel
 * (Slack's Web API, {@code chat.postMessage} then {@code chat.update} on resolve, as Slack answers them), with the bot
 * token the application's properties give, in the words of the team's template folder; the same alerts are pushed to
 * an Alertmanager ({@code POST /api/v2/alerts}, firing then resolved with its {@code endsAt}); {@code /api/deliveries}
 * names the receiver and the integration.
 */
@QuarkusTest
@TestProfile(NamedReceiverProfile.class)
class NamedReceiverDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TS = "1718000000.000300";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "vigil.files.inbox")
    Path inbox;
    @ConfigProperty(name = "vigil.notify.slack.api-url")
    URI api;

    @Test
    void theTeamsAlertsReachItsOwnChannelAndTheDeliveryLogNamesReceiverAndIntegration() throws Exception {
        WireMock slack = new WireMock(api.getHost(), api.getPort());
        String channel = NamedReceiverProfile.CHANNEL;
        String answer = "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + TS + "\",\"message\":{\"type\":\"message\","
                + "\"bot_id\":\"B0123\",\"text\":\"…\",\"ts\":\"" + TS + "\"}}";
        slack.register(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(answer)));
        slack.register(post(urlEqualTo("/api/chat.update")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(answer)));
        slack.register(post(urlEqualTo(NamedReceiverProfile.ALERTMANAGER_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(200)));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.DAYS);

        new Inbox(inbox).drop("orders-" + NamedReceiverProfile.REGION + ".csv",
                Inbox.ordersWithCollapse(t0, "region=" + NamedReceiverProfile.REGION).getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).untilAsserted(() -> assertThat(teamDeliveries())
                .extracting(d -> d.get("receiver"), d -> d.get("integration"), d -> d.get("status"), d -> d.get("state"),
                        d -> d.get("reference"))
                .containsExactlyInAnyOrder(
                        tuple(NamedReceiverProfile.TEAM, "slack", "FIRING", "SENT", channel + "/" + TS),
                        tuple(NamedReceiverProfile.TEAM, "slack", "RESOLVED", "SENT", channel + "/" + TS),
                        tuple(NamedReceiverProfile.TEAM, "alertmanager", "FIRING", "SENT", null),
                        tuple(NamedReceiverProfile.TEAM, "alertmanager", "RESOLVED", "SENT", null)));
        assertThat(slack.find(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer " + dev.vigil.app.testing.SlackWebApiStub.TOKEN))
                .withRequestBody(containing("region=" + NamedReceiverProfile.REGION)))).hasSize(1)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains(channel));
        assertThat(slack.find(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("region=" + NamedReceiverProfile.REGION))))
                .as("the text of the team's slack-text.txt").allSatisfy(r -> assertThat(JSON.readTree(
                        r.getBodyAsString()).path("text").asText()).startsWith(NamedReceiverProfile.TEMPLATE_MARK + " "));
        List<JsonNode> pushed = new java.util.ArrayList<>();
        for (var request : slack.find(postRequestedFor(urlEqualTo(NamedReceiverProfile.ALERTMANAGER_PATH)))) {
            pushed.add(JSON.readTree(request.getBodyAsString()).get(0));
        }
        assertThat(pushed).as("firing, then resolved").hasSize(2);
        assertThat(pushed).allSatisfy(alert -> {
            assertThat(alert.path("labels").path("region").asText()).isEqualTo(NamedReceiverProfile.REGION);
            assertThat(alert.path("generatorURL").asText()).startsWith("https://vigil.example.com/api/alerts/");
        });
        assertThat(Instant.parse(pushed.get(0).path("endsAt").asText())).isAfter(Instant.now());
        assertThat(Instant.parse(pushed.get(1).path("endsAt").asText())).isBefore(Instant.now());
        assertThat(given().header("X-Vigil-Api-Key", "test-ops-key").queryParam("receiver", NamedReceiverProfile.TEAM + "/slack")
                .queryParam("since", "1h").get("/api/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("integration", String.class)).hasSize(2).containsOnly("slack");
    }

    private static List<Map<String, Object>> teamDeliveries() {
        return given().header("X-Vigil-Api-Key", "test-ops-key").queryParam("receiver", NamedReceiverProfile.TEAM)
                .queryParam("since", "1h").queryParam("limit", 1000)
                .get("/api/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
