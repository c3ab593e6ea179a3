package dev.vigil.alerting.notify.pagerduty;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class PagerDutyNotifierTest {

    private static final String KEY = "R0UT1NGKEY0123456789abcdefabcdef";
    private static final String ACCEPTED = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\""
            + TestAlerts.FINGERPRINT + "\"}";

    private static WireMockServer pagerDuty;
    private PagerDutyNotifier notifier;

    @BeforeAll
    static void start() {
        pagerDuty = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        pagerDuty.start();
    }

    @AfterAll
    static void stop() {
        pagerDuty.stop();
    }

    @BeforeEach
    void reset() {
        pagerDuty.resetAll();
        notifier = new PagerDutyNotifier(Optional.of(KEY), URI.create(pagerDuty.baseUrl() + "/v2/enqueue"), new ObjectMapper(), NotificationTemplates.shipped());
    }

    private void answer(int status, String body) {
        pagerDuty.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void triggerCarriesRoutingKeyDedupKeyAndThePayloadPagerDutyRequires() throws Exception {
        answer(202, ACCEPTED);

        notifier.send(TestAlerts.delivery(TestAlerts.firing()));

        pagerDuty.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.routing_key", equalTo(KEY)))
                .withRequestBody(matchingJsonPath("$.event_action", equalTo("trigger")))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(TestAlerts.FINGERPRINT)))
                .withRequestBody(matchingJsonPath("$.payload.severity", equalTo("critical")))
                .withRequestBody(matchingJsonPath("$.payload.source", equalTo("temperature{device=boiler-2,site=plant-1}")))
                .withRequestBody(matchingJsonPath("$.payload.summary",
                        equalTo("CRITICAL temperature{device=boiler-2,site=plant-1} (metric-baseline): "
                                + "mean observed 77.05 vs expected 68.05: 73.6σ above (robust z, limit 3.5σ)")))
                .withRequestBody(matchingJsonPath("$.payload.timestamp", equalTo("2024-06-01T08:03:00Z")))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.alert_id", equalTo(TestAlerts.ID)))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.observed", equalTo("77.05")))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.expected", equalTo("68.05")))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.findings[0].scorer", equalTo("robust-z")))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.labels.site", equalTo("plant-1")))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.idempotency_key",
                        equalTo(TestAlerts.FINGERPRINT + ":firing:1")))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.evidence.size()", equalTo("0"))));
    }

    @Test
    void customDetailsCarryTheEvidenceAndTheAnswerIsTheDedupKey() throws Exception {
        answer(202, ACCEPTED);

        assertThat(notifier.send(TestAlerts.delivery(TestAlerts.withEvidence()))).contains(TestAlerts.FINGERPRINT);

        pagerDuty.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.evidence[0]", equalTo(TestAlerts.EVIDENCE.get(0))))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.evidence[1]", equalTo(TestAlerts.EVIDENCE.get(1)))));
    }

    @Test
    void warningIsPagerDutysWarningSeverity() throws Exception {
        answer(202, ACCEPTED);

        notifier.send(TestAlerts.delivery(TestAlerts.firing(Severity.WARNING, "cpu", "cpu high")));

        pagerDuty.verify(postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.payload.severity", equalTo("warning"))));
    }

    @Test
    void aRetriedTriggerAndTheResolveUseTheSameDedupKey() throws Exception {
        answer(202, ACCEPTED);

        notifier.send(TestAlerts.delivery(TestAlerts.firing()));
        notifier.send(TestAlerts.delivery(TestAlerts.firing()));
        notifier.send(TestAlerts.delivery(TestAlerts.resolved()));

        pagerDuty.verify(3, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(TestAlerts.FINGERPRINT))));
    }

    @Test
    void resolveIsRoutingKeyDedupKeyAndEventActionOnly() throws Exception {
        answer(202, ACCEPTED);

        notifier.send(TestAlerts.delivery(TestAlerts.resolved()));

        pagerDuty.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.routing_key", equalTo(KEY)))
                .withRequestBody(matchingJsonPath("$.event_action", equalTo("resolve")))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(TestAlerts.FINGERPRINT)))
                .withRequestBody(matchingJsonPath("$.payload", absent())));
    }

    @Test
    void invalidEventIsPermanent() {
        answer(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')\"]}");

        assertThatThrownBy(() -> notifier.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("400").contains("Event object is invalid")
                        .doesNotContain(KEY));
    }

    @Test
    void rateLimitIsRetryableAndHonoursRetryAfter() {
        pagerDuty.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too quickly.\"}")));

        assertThatThrownBy(() -> notifier.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    }

    @Test
    void serverErrorIsRetryable() {
        answer(500, "{\"status\":\"error\",\"message\":\"Internal Server Error\"}");

        assertThatThrownBy(() -> notifier.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void unreachableIsRetryable() {
        PagerDutyNotifier nowhere = new PagerDutyNotifier(Optional.of(KEY), URI.create("http://127.0.0.1:1/v2/enqueue"),
                new ObjectMapper(), NotificationTemplates.shipped());

        assertThatThrownBy(() -> nowhere.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void missingRoutingKeyIsNamedInTheMisconfiguration() {
        PagerDutyNotifier unset = new PagerDutyNotifier(Optional.empty(), PagerDutyNotifier.EVENTS_URL, new ObjectMapper(), NotificationTemplates.shipped());

        assertThat(unset.misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.pagerduty.routing-key"));
        assertThat(notifier.misconfiguration()).isEmpty();
    }
}
