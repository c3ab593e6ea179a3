package dev.vigil.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.app.cli.DeliveriesCli;
import dev.vigil.app.testing.AllReceiversProfile;
import dev.vigil.app.testing.Inbox;
import dev.vigil.app.testing.ReceiverStubsResource;
import dev.vigil.app.testing.SlackInbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The whole path with every receiver against the real thing or a stub answering as the real API does (Slack webhook,
 * email over a real SMTP server, Jira REST v2, ServiceNow, PagerDuty, a webhook): metric files in, incidents through
 * the lifecycle, the dispatcher and the outbox, out to every receiver, and the delivery log read back over REST and
 * the CLI. Silences and inhibition are checked for what they mute and for what they leave alone.
 */
@QuarkusTest
@TestProfile(AllReceiversProfile.class)
class DeliveryEndToEndTest {

    private static final String KEY = "test-ops-key";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Recent enough to be "recently resolved" for the API's 24 h default. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.DAYS);

    @ConfigProperty(name = "vigil.files.inbox")
    Path inbox;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @TestHTTPResource("/")
    String baseUrl;

    /** One series of hourly orders around 100, collapsing to 12 in the hours [from, to). */
    record Series(String tags, int from, int to) {
        String entity() {
            return "orders{" + Arrays.stream(tags.split(",")).sorted().collect(Collectors.joining(",")) + "}";
        }
    }

    private void drop(String name, Series... series) throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,metric,value\n");
        for (int hour = 0; hour < 40; hour++) {
            for (Series s : series) {
                double orders = hour >= s.from() && hour < s.to() ? 12 : 100 + 3 * Math.sin(hour);
                csv.append(String.format(Locale.ROOT, "%s,orders,%.1f,%s%n", T0.plus(Duration.ofHours(hour)), orders, s.tags()));
            }
        }
        new Inbox(inbox).drop(name, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The stored alert of an entity, as GET /api/alerts shows it; null until it fired. */
    private static Map<String, Object> alertOf(Series series) {
        List<Map<String, Object>> alerts = given().header("X-Vigil-Api-Key", KEY).queryParam("source", "file")
                .queryParam("limit", 1000).get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$");
        return alerts.stream().filter(a -> series.entity().equals(a.get("entity"))).findFirst().orElse(null);
    }

    private static JsonPath deliveries(String alertId) {
        return given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}/deliveries", alertId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the entity's incident has resolved and every delivery of it is settled; returns the alert. */
    private static Map<String, Object> settled(Series series, int deliveries) {
        await().atMost(WAIT).until(() -> {
            Map<String, Object> alert = alertOf(series);
            if (alert == null || !"RESOLVED".equals(alert.get("status"))) {
                return false;
            }
            List<String> states = deliveries((String) alert.get("id")).getList("state");
            return states.size() == deliveries && states.stream().allMatch("SENT"::equals);
        });
        return alertOf(series);
    }

    private static List<MimeMessage> mailsAbout(String alertId) throws Exception {
        return Arrays.stream(ReceiverStubsResource.smtp().getReceivedMessages()).filter(m -> {
            try {
                return alertId.equals(m.getHeader("X-Vigil-Alert-Id", null));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void oneIncidentIsOneNotificationPerReceiverAndTheDeliveryLogSaysWhoWasToldWhatWhenAndHow() throws Exception {
        Series one = new Series("region=one,shop=s1", 30, 33);
        drop("orders-one.csv", one);

        Map<String, Object> alert = settled(one, 14);
        String id = (String) alert.get("id");
        String fp = (String) alert.get("fingerprint");
        JsonPath log = deliveries(id);
        assertThat(log.getList("receiver", String.class)).as("each receiver told twice: firing, then resolved")
                .hasSize(14).containsOnlyElementsOf(AllReceiversProfile.RECEIVERS);
        assertThat(log.getList("integration", String.class)).as("a receiver of vigil.notify.receivers is its integration")
                .isEqualTo(log.getList("receiver", String.class));
        for (String receiver : AllReceiversProfile.RECEIVERS) {
            assertThat(log.getList("findAll { it.receiver == '" + receiver + "' }.status", String.class))
                    .as(receiver).containsExactly("RESOLVED", "FIRING");
        }
        assertThat(log.getList("attempts", Integer.class)).containsOnly(1);
        assertThat(log.getList("idempotencyKey", String.class)).allMatch(k -> k.matches(fp + ":(firing|resolved):\\d+"));
        assertThat(log.getString("find { it.receiver == 'jira' && it.status == 'FIRING' }.reference")).isEqualTo("OPS-1");
        assertThat(log.getString("find { it.receiver == 'servicenow' && it.status == 'FIRING' }.reference")).isEqualTo("INC0010001");
        assertThat(log.getString("find { it.receiver == 'email' && it.status == 'FIRING' }.reference")).isEqualTo("<" + id + "@vigil>");

        SlackInbox slack = new SlackInbox(slackUrl);
        assertThat(slack.firing(one.entity())).hasSize(1);
        assertThat(slack.resolved(one.entity())).hasSize(1);
        assertThat(mailsAbout(id)).extracting(m -> m.getHeader("X-Vigil-Status", null)).containsExactlyInAnyOrder("FIRING", "RESOLVED");
        WireMockServer apis = ReceiverStubsResource.apis();
        apis.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue"))
                .withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo("vigil-" + fp)))
                .withRequestBody(matchingJsonPath("$.fields.priority.name", equalTo("High"))));
        apis.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-1/comment"))
                .withRequestBody(containing("[vigil:" + id + "] resolved")));
        apis.verify(1, postRequestedFor(urlEqualTo("/api/now/table/incident"))
                .withRequestBody(matchingJsonPath("$.correlation_id", equalTo(fp))));
        apis.verify(1, patchRequestedFor(urlMatching("/api/now/table/incident/.*")).withRequestBody(containing(id)));
        apis.verify(2, postRequestedFor(urlEqualTo("/v2/enqueue")).withRequestBody(matchingJsonPath("$.dedup_key", equalTo(fp))));
        apis.verify(2, postRequestedFor(urlEqualTo(ReceiverStubsResource.HOOK_PATH))
                .withHeader("Idempotency-Key", matching(fp + ":(firing|resolved):\\d+")));

        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}", id).then().statusCode(200)
                .body("status", is("RESOLVED")).body("entity", is(one.entity()))
                .body("explanation.feature", is("mean"));
        given().header("X-Vigil-Api-Key", KEY).queryParam("receiver", "jira").queryParam("since", "1h")
                .get("/api/deliveries").then().statusCode(200)
                .body("findAll { it.alertId == '" + id + "' }.size()", is(2));
        given().header("X-Vigil-Api-Key", KEY).get("/api/alerts/{id}", "no-such-alert").then().statusCode(404);
        given().header("X-Vigil-Api-Key", KEY).queryParam("since", "yesterday").get("/api/deliveries")
                .then().statusCode(400).body("reason", containsString("since 'yesterday'"));
        given().get("/api/deliveries").then().statusCode(401);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DeliveriesCli.run(new String[] {"--alert", id}, Map.of("VIGIL_API_KEY", KEY, "VIGIL_URL", baseUrl),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("RECEIVER", "jira", "OPS-1", "pagerduty", "14 deliveries {sent=14}");
        assertThat(DeliveriesCli.run(new String[] {"--state", "maybe"}, Map.of("VIGIL_API_KEY", KEY, "VIGIL_URL", baseUrl),
                new PrintStream(out), new PrintStream(err))).isEqualTo(1);
    }

    @Test
    void aSilenceMutesWhatItMatchesAndNothingElse() throws Exception {
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json")
                .body("{\"matchers\":[\"region=\\\"hushed\\\"\"],\"comment\":\"test\",\"endsAt\":\""
                        + Instant.now().plusSeconds(3600) + "\"}")
                .post("/api/silences").then().statusCode(201);
        Series hushed = new Series("region=hushed,shop=s2", 30, 33);
        Series heard = new Series("region=heard,shop=s3", 30, 33);
        drop("orders-silence.csv", hushed, heard);

        settled(heard, 14);
        await().atMost(WAIT).until(() -> alertOf(hushed) != null && "RESOLVED".equals(alertOf(hushed).get("status")));

        assertNeverTold(alertOf(hushed), hushed);
    }

    @Test
    void anInhibitionMutesItsTargetsWhileItsSourceFiresAndNothingElse() throws Exception {
        Series outage = new Series("region=outage,shop=s9", 20, 40);
        Series inhibited = new Series("region=under,shop=s9", 30, 33);
        Series elsewhere = new Series("region=elsewhere,shop=s8", 30, 33);
        drop("orders-inhibition.csv", outage, inhibited, elsewhere);

        settled(elsewhere, 14);
        await().atMost(WAIT).until(() -> alertOf(inhibited) != null && "RESOLVED".equals(alertOf(inhibited).get("status")));
        String source = (String) alertOf(outage).get("id");
        await().atMost(WAIT).until(() -> deliveries(source).getList("state").size() == 7
                && deliveries(source).getList("state").stream().allMatch("SENT"::equals));
        assertThat(alertOf(outage).get("status")).as("the source still fires").isEqualTo("FIRING");

        assertNeverTold(alertOf(inhibited), inhibited);
    }

    private void assertNeverTold(Map<String, Object> alert, Series series) throws Exception {
        String id = (String) alert.get("id");
        assertThat(deliveries(id).getList("$")).as("nothing in the delivery log").isEmpty();
        assertThat(new SlackInbox(slackUrl).messagesAbout(series.entity())).isEmpty();
        assertThat(mailsAbout(id)).isEmpty();
        assertThat(ReceiverStubsResource.apis().findAll(anyRequestedFor(anyUrl())))
                .noneMatch(r -> r.getBodyAsString().contains((String) alert.get("fingerprint")) || r.getUrl().contains((String) alert.get("fingerprint")));
    }
}
