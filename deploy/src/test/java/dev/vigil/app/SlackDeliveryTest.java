package dev.vigil.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.net.URI;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.app.testing.Inbox;
import dev.vigil.app.testing.SlackStubResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How the Slack receiver treats Slack's documented error answers: rate limits are waited out, permanent errors are not retried. */
@QuarkusTest
class SlackDeliveryTest {

    private static final Instant T0 = Instant.parse("2026-01-08T00:00:00Z");

    @ConfigProperty(name = "vigil.files.inbox")
    Path inbox;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    URI slackUrl;

    @Test
    void aRateLimitedAlertIsPostedAgainAfterTheRetryAfterSlackAsked() throws Exception {
        String region = "ratelimited";
        WireMock slack = new WireMock(slackUrl.getHost(), slackUrl.getPort());
        slack.register(post(urlEqualTo(SlackStubResource.HOOK_PATH))
                .withRequestBody(containing("[FIRING]")).withRequestBody(containing("region=" + region))
                .inScenario(region).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("rate limited once")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3").withBody("rate_limited")));

        new Inbox(inbox).drop("orders-" + region + ".csv",
                Inbox.ordersWithCollapse(T0, "region=" + region).getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(40)).until(() -> firingPosts(slack, region).size() == 2);
        List<LoggedRequest> posts = firingPosts(slack, region);
        long gapMillis = posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("waited for Slack's Retry-After of 3 s, not the 1 s default back-off")
                .isGreaterThanOrEqualTo(2900);
        assertThat(posts.get(1).getBodyAsString()).isEqualTo(posts.get(0).getBodyAsString());
    }

    @Test
    void aWebhookSlackNoLongerKnowsIsNotRetried() throws Exception {
        String region = "gone";
        WireMock slack = new WireMock(slackUrl.getHost(), slackUrl.getPort());
        slack.register(post(urlEqualTo(SlackStubResource.HOOK_PATH)).withRequestBody(containing("region=" + region))
                .willReturn(aResponse().withStatus(404).withBody("no_service")));

        new Inbox(inbox).drop("orders-" + region + ".csv",
                Inbox.ordersWithCollapse(T0, "region=" + region).getBytes(StandardCharsets.UTF_8));

        // The resolved notice follows the firing one through the same route: once it has been tried, so has the firing.
        await().atMost(Duration.ofSeconds(40)).until(() -> !posts(slack, region, "[RESOLVED]").isEmpty());
        assertThat(firingPosts(slack, region)).as("404 no_service is permanent: one attempt only").hasSize(1);
    }

    private static List<LoggedRequest> firingPosts(WireMock slack, String region) {
        return posts(slack, region, "[FIRING]");
    }

    private static List<LoggedRequest> posts(WireMock slack, String region, String status) {
        return slack.find(postRequestedFor(urlEqualTo(SlackStubResource.HOOK_PATH))
                .withRequestBody(containing(status)).withRequestBody(containing("region=" + region)));
    }
}
