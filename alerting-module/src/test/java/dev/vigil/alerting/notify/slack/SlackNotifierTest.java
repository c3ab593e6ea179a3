package dev.vigil.alerting.notify.slack;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class SlackNotifierTest {

    private static final String TOKEN = "xoxb-1234-5678-abcdefghijklmnop";
    private static final String POST = "/api/chat.postMessage";
    private static final String UPDATE = "/api/chat.update";
    private static final String HISTORY = "/api/conversations.history";
    private static final String TS = "1718000000.000100";
    private static final String POSTED = "{\"ok\":true,\"channel\":\"C0123ALERTS\",\"ts\":\"" + TS + "\","
            + "\"message\":{\"type\":\"message\",\"bot_id\":\"B0123\",\"text\":\"…\",\"ts\":\"" + TS + "\"}}";

    private static WireMockServer slack;

    @BeforeAll
    static void start() {
        slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slack.start();
    }

    @AfterAll
    static void stop() {
        slack.stop();
    }

    @BeforeEach
    void reset() {
        slack.resetAll();
    }

    private SlackNotifier webApi() {
        return webApi("#alerts");
    }

    private SlackNotifier webApi(String channel) {
        return new SlackNotifier(Optional.empty(), Optional.of(TOKEN), Optional.of(channel),
                URI.create(slack.baseUrl() + "/api"), new ObjectMapper(), NotificationTemplates.shipped());
    }

    private static void answer(String path, String body) {
        slack.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)));
    }

    @Test
    void firingIsPostedWithBearerTokenChannelFallbackTextBlocksAndFeedbackButtons() throws Exception {
        answer(POST, POSTED);

        webApi().send(TestAlerts.delivery(TestAlerts.firing()));

        String confirm = "$.blocks[4].elements[0]";
        slack.verify(1, postRequestedFor(urlEqualTo(POST))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#alerts")))
                .withRequestBody(matchingJsonPath("$.text", containing("[FIRING] CRITICAL temperature")))
                .withRequestBody(matchingJsonPath("$.blocks[0].type", equalTo("header")))
                .withRequestBody(matchingJsonPath("$.blocks[1].text.text",
                        equalTo("mean observed 77.05 vs expected 68.05: 73.6σ above (robust z, limit 3.5σ)")))
                .withRequestBody(matchingJsonPath("$.blocks[2].fields[2].text", equalTo("*Observed mean*\n77.05")))
                .withRequestBody(matchingJsonPath("$.blocks[2].fields[3].text", containing("*Expected*\n68.05")))
                .withRequestBody(matchingJsonPath("$.blocks[4].type", equalTo("actions")))
                .withRequestBody(matchingJsonPath(confirm + ".type", equalTo("button")))
                .withRequestBody(matchingJsonPath(confirm + ".text.text", equalTo("Confirm")))
                .withRequestBody(matchingJsonPath(confirm + ".action_id", equalTo("vigil_feedback_true_incident")))
                .withRequestBody(matchingJsonPath(confirm + ".value", equalTo(TestAlerts.ID + ":TRUE_INCIDENT")))
                .withRequestBody(matchingJsonPath("$.blocks[4].elements[1].text.text", equalTo("False alarm")))
                .withRequestBody(matchingJsonPath("$.blocks[4].elements[1].action_id", equalTo("vigil_feedback_false_alarm")))
                .withRequestBody(matchingJsonPath("$.blocks[4].elements[1].value", equalTo(TestAlerts.ID + ":FALSE_ALARM")))
                .withRequestBody(matchingJsonPath("$.blocks[4].elements[2].text.text", equalTo("Expected")))
                .withRequestBody(matchingJsonPath("$.blocks[4].elements[2].action_id", equalTo("vigil_feedback_expected")))
                .withRequestBody(matchingJsonPath("$.blocks[4].elements[2].value", equalTo(TestAlerts.ID + ":EXPECTED"))));
    }

    @Test
    void firingAnswersWithTheMessagesChannelIdAndTs() throws Exception {
        answer(POST, POSTED);

        assertThat(webApi().send(TestAlerts.delivery(TestAlerts.firing()))).contains("C0123ALERTS/" + TS);
    }

    @Test
    void resolvedUpdatesTheSameMessageByTheChannelIdAndTsSlackAnswered() throws Exception {
        answer(POST, POSTED);
        answer(UPDATE, POSTED);
        SlackNotifier notifier = webApi();

        String ref = notifier.send(TestAlerts.delivery(TestAlerts.firing())).orElseThrow();
        assertThat(notifier.send(TestAlerts.delivery(TestAlerts.resolved(), ref))).contains(ref);

        slack.verify(1, postRequestedFor(urlEqualTo(POST)));
        slack.verify(1, postRequestedFor(urlEqualTo(UPDATE))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0123ALERTS")))
                .withRequestBody(matchingJsonPath("$.ts", equalTo(TS)))
                .withRequestBody(matchingJsonPath("$.text", containing("[RESOLVED]")))
                .withRequestBody(matchingJsonPath("$.blocks[0].text.text", containing("RESOLVED"))));
    }

    @Test
    void anUpgradeOfAPostedAlertEditsTheMessageInsteadOfPostingATwin() throws Exception {
        answer(POST, POSTED);
        answer(UPDATE, POSTED);
        SlackNotifier notifier = webApi();

        String ref = notifier.send(TestAlerts.delivery(TestAlerts.firing(Severity.WARNING, "t", "warm"))).orElseThrow();
        notifier.send(TestAlerts.delivery(TestAlerts.firing(), ref));

        slack.verify(1, postRequestedFor(urlEqualTo(POST)));
        slack.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
    }

    @Test
    void resolvedWithoutARememberedMessageIsPostedAsANewOne() throws Exception {
        answer(POST, POSTED);

        webApi().send(TestAlerts.delivery(TestAlerts.resolved()));

        slack.verify(0, postRequestedFor(urlEqualTo(UPDATE)));
        slack.verify(1, postRequestedFor(urlEqualTo(POST)).withRequestBody(matchingJsonPath("$.text", containing("[RESOLVED]"))));
    }

    @Test
    void aPostCarriesTheNotificationsIdempotencyKeyInItsMetadata() throws Exception {
        answer(POST, POSTED);

        webApi().send(TestAlerts.delivery(TestAlerts.firing()));

        slack.verify(1, postRequestedFor(urlEqualTo(POST))
                .withRequestBody(matchingJsonPath("$.metadata.event_type", equalTo("vigil_notification")))
                .withRequestBody(matchingJsonPath("$.metadata.event_payload.idempotency_key",
                        equalTo(TestAlerts.FINGERPRINT + ":firing:1")))
                .withRequestBody(matchingJsonPath("$.metadata.event_payload.alert_id", equalTo(TestAlerts.ID))));
    }

    /** A retry of the firing notification, whose earlier attempt started after the notification was written at {@code since}. */
    private static Delivery retry(Instant since) {
        Delivery first = TestAlerts.delivery(TestAlerts.firing());
        return new Delivery(first.idempotencyKey(), first.alert(), Optional.empty(), Optional.of(since));
    }

    private static String historyWith(String key, String ts) {
        return "{\"ok\":true,\"messages\":[{\"type\":\"message\",\"user\":\"U0123BOT\",\"bot_id\":\"B0123\",\"text\":\"other\","
                + "\"ts\":\"1718000009.000200\"},{\"type\":\"message\",\"user\":\"U0123BOT\",\"bot_id\":\"B0123\","
                + "\"text\":\"[FIRING] …\",\"ts\":\"" + ts + "\",\"metadata\":{\"event_type\":\"vigil_notification\","
                + "\"event_payload\":{\"idempotency_key\":\"" + key + "\",\"alert_id\":\"" + TestAlerts.ID + "\"}}}],"
                + "\"has_more\":false,\"pin_count\":0,\"response_metadata\":{\"next_cursor\":\"\"}}";
    }

    @Test
    void aRetryOfAPostWhoseAnswerWasLostFindsThePostInTheChannelHistoryAndUpdatesIt() throws Exception {
        Instant written = Instant.parse("2024-06-01T08:03:05Z");
        slack.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(historyWith(TestAlerts.FINGERPRINT + ":firing:1", TS))));
        answer(UPDATE, POSTED);

        Optional<String> reference = webApi("C0123ALERTS").send(retry(written));

        assertThat(reference).contains("C0123ALERTS/" + TS);
        slack.verify(1, getRequestedFor(urlPathEqualTo(HISTORY))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("channel", equalTo("C0123ALERTS"))
                .withQueryParam("include_all_metadata", equalTo("true"))
                .withQueryParam("oldest", equalTo(written.minus(SlackEarlierPosts.CLOCK_SKEW).getEpochSecond() + ".000000"))
                .withQueryParam("limit", equalTo("200")));
        slack.verify(0, postRequestedFor(urlEqualTo(POST)));
        slack.verify(1, postRequestedFor(urlEqualTo(UPDATE))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0123ALERTS")))
                .withRequestBody(matchingJsonPath("$.ts", equalTo(TS)))
                .withRequestBody(matchingJsonPath("$.text", containing("[FIRING]"))));
    }

    @Test
    void aRetryWhoseEarlierAttemptLeftNoPostPostsIt() throws Exception {
        slack.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(historyWith("someotherfingerprint:firing:7", "1718000001.000100"))));
        answer(POST, POSTED);

        webApi("C0123ALERTS").send(retry(Instant.now()));

        slack.verify(1, getRequestedFor(urlPathEqualTo(HISTORY)));
        slack.verify(0, postRequestedFor(urlEqualTo(UPDATE)));
        slack.verify(1, postRequestedFor(urlEqualTo(POST)));
    }

    @Test
    void aHistorySlackWillNotShowOrAChannelKnownOnlyByNameMeansPostingAgain() throws Exception {
        slack.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:history\",\"provided\":\"chat:write\"}")));
        answer(POST, POSTED);

        webApi("C0123ALERTS").send(retry(Instant.now()));
        webApi().send(retry(Instant.now()));

        slack.verify(1, getRequestedFor(urlPathEqualTo(HISTORY)));
        slack.verify(2, postRequestedFor(urlEqualTo(POST)));
    }

    @Test
    void aRateLimitedHistoryIsRetriedLater() {
        slack.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> webApi("C0123ALERTS").send(retry(Instant.now())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        slack.verify(0, postRequestedFor(urlEqualTo(POST)));
    }

    @Test
    void aMessageThatCanNoLongerBeEditedGetsTheResolveAsANewMessage() throws Exception {
        answer(POST, POSTED);
        answer(UPDATE, "{\"ok\":false,\"error\":\"message_not_found\"}");
        SlackNotifier notifier = webApi();

        String ref = notifier.send(TestAlerts.delivery(TestAlerts.firing())).orElseThrow();
        notifier.send(TestAlerts.delivery(TestAlerts.resolved(), ref));

        slack.verify(2, postRequestedFor(urlEqualTo(POST)));
    }

    @Test
    void http429IsRetryableAfterSlacksRetryAfter() {
        slack.stubFor(post(urlEqualTo(POST)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));

        assertThatThrownBy(() -> webApi().send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"})
    void transientErrorsInAnOkFalseAnswerAreRetryable(String error) {
        answer(POST, "{\"ok\":false,\"error\":\"" + error + "\"}");

        assertThatThrownBy(() -> webApi().send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(e.getMessage()).contains(error));
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel_not_found", "invalid_auth", "not_authed", "not_in_channel", "is_archived",
            "invalid_blocks", "account_inactive", "token_revoked"})
    void otherErrorsInAnOkFalseAnswerArePermanentAndNeverShowTheToken(String error) {
        answer(POST, "{\"ok\":false,\"error\":\"" + error + "\"}");

        assertThatThrownBy(() -> webApi().send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains(error).doesNotContain(TOKEN));
    }

    @Test
    void missingScopeSaysWhichScopeIsNeeded() {
        answer(POST, "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"chat:write\",\"provided\":\"channels:read\"}");

        assertThatThrownBy(() -> webApi().send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("chat:write"));
    }

    @Test
    void serverErrorIsRetryable() {
        slack.stubFor(post(urlEqualTo(POST)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> webApi().send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void webhookModeStillPostsTheIncomingWebhookBody() throws Exception {
        slack.stubFor(post(urlEqualTo("/services/T0/B0/x")).willReturn(ok("ok")));
        SlackNotifier notifier = new SlackNotifier(Optional.of(URI.create(slack.baseUrl() + "/services/T0/B0/x")),
                Optional.empty(), Optional.empty(), SlackWebApiNotifier.API, new ObjectMapper(), NotificationTemplates.shipped());

        notifier.send(TestAlerts.delivery(TestAlerts.firing()));

        assertThat(notifier.mode()).isEqualTo("webhook");
        assertThat(notifier.misconfiguration()).isEmpty();
        slack.verify(1, postRequestedFor(urlEqualTo("/services/T0/B0/x"))
                .withRequestBody(matchingJsonPath("$.text", containing("[FIRING]")))
                .withRequestBody(matchingJsonPath("$.blocks[3].type", equalTo("context"))));
        slack.verify(0, postRequestedFor(urlEqualTo(POST)));
    }

    @Test
    void theModeFollowsWhichKeysAreSetAndAmbiguityIsAMisconfiguration() {
        ObjectMapper json = new ObjectMapper();
        Optional<URI> hook = Optional.of(URI.create("https://hooks.slack.com/services/T/B/x"));
        URI api = SlackWebApiNotifier.API;

        assertThat(webApi().mode()).isEqualTo("web-api");
        assertThat(webApi().misconfiguration()).isEmpty();
        assertThat(new SlackNotifier(hook, Optional.of(TOKEN), Optional.of("#a"), api, json, NotificationTemplates.shipped()).misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.slack.webhook-url").contains("only one"));
        assertThat(new SlackNotifier(Optional.empty(), Optional.of(TOKEN), Optional.empty(), api, json, NotificationTemplates.shipped()).misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.slack.channel"));
        assertThat(new SlackNotifier(Optional.empty(), Optional.empty(), Optional.of("#a"), api, json, NotificationTemplates.shipped()).misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.slack.bot-token"));
        assertThat(new SlackNotifier(Optional.empty(), Optional.empty(), Optional.empty(), api, json, NotificationTemplates.shipped()).misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.slack.webhook-url"));
        slack.verify(0, postRequestedFor(anyUrl()));
    }
}
