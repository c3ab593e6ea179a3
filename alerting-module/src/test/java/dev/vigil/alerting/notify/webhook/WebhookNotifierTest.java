package dev.vigil.alerting.notify.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class WebhookNotifierTest {

    private static final String SECRET = "s3cr3t-shared-with-the-receiver";
    private static WireMockServer hook;

    @BeforeAll
    static void start() {
        hook = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        hook.start();
    }

    @AfterAll
    static void stop() {
        hook.stop();
    }

    @BeforeEach
    void reset() {
        hook.resetAll();
    }

    private WebhookNotifier notifier(Optional<String> secret) {
        return new WebhookNotifier(Optional.of(URI.create(hook.baseUrl() + "/hooks/vigil")), secret, new ObjectMapper(), NotificationTemplates.shipped());
    }

    @Test
    void firingAlertIsPostedInAlertmanagerShapeWithVigilsExplanation() throws Exception {
        hook.stubFor(post("/hooks/vigil").willReturn(ok()));

        notifier(Optional.empty()).send(TestAlerts.delivery(TestAlerts.firing()));

        hook.verify(1, postRequestedFor(urlEqualTo("/hooks/vigil"))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withHeader("Idempotency-Key", equalTo(TestAlerts.FINGERPRINT + ":firing:1"))
                .withHeader(WebhookNotifier.SIGNATURE_HEADER, absent())
                .withRequestBody(matchingJsonPath("$.version", equalTo("4")))
                .withRequestBody(matchingJsonPath("$.status", equalTo("firing")))
                .withRequestBody(matchingJsonPath("$.groupKey", equalTo(TestAlerts.FINGERPRINT)))
                .withRequestBody(matchingJsonPath("$.alerts[0].status", equalTo("firing")))
                .withRequestBody(matchingJsonPath("$.alerts[0].labels.alertname", equalTo("metric-baseline")))
                .withRequestBody(matchingJsonPath("$.alerts[0].labels.severity", equalTo("critical")))
                .withRequestBody(matchingJsonPath("$.alerts[0].labels.site", equalTo("plant-1")))
                .withRequestBody(matchingJsonPath("$.alerts[0].labels.entity",
                        equalTo("temperature{device=boiler-2,site=plant-1}")))
                .withRequestBody(matchingJsonPath("$.alerts[0].annotations.description",
                        equalTo("mean observed 77.05 vs expected 68.05: 73.6σ above (robust z, limit 3.5σ)")))
                .withRequestBody(matchingJsonPath("$.alerts[0].startsAt", equalTo("2024-06-01T08:03:00Z")))
                .withRequestBody(matchingJsonPath("$.alerts[0].endsAt", equalTo("0001-01-01T00:00:00Z")))
                .withRequestBody(matchingJsonPath("$.alerts[0].fingerprint", equalTo(TestAlerts.FINGERPRINT)))
                .withRequestBody(matchingJsonPath("$.vigil.alertId", equalTo(TestAlerts.ID)))
                .withRequestBody(matchingJsonPath("$.vigil.explanation.observed", equalTo("77.05")))
                .withRequestBody(matchingJsonPath("$.vigil.explanation.findings[0].scorer", equalTo("robust-z")))
                .withRequestBody(matchingJsonPath("$.vigil.explanation.evidence.size()", equalTo("0"))));
    }

    @Test
    void theEvidenceTravelsWithTheExplanation() throws Exception {
        hook.stubFor(post("/hooks/vigil").willReturn(ok()));

        notifier(Optional.empty()).send(TestAlerts.delivery(TestAlerts.withEvidence()));

        hook.verify(1, postRequestedFor(urlEqualTo("/hooks/vigil"))
                .withRequestBody(matchingJsonPath("$.vigil.explanation.evidence[0]", equalTo(TestAlerts.EVIDENCE.get(0))))
                .withRequestBody(matchingJsonPath("$.vigil.explanation.evidence[1]", equalTo(TestAlerts.EVIDENCE.get(1)))));
    }

    @Test
    void everyAttemptAtOneNotificationCarriesTheSameKeyAndAnotherNotificationAnother() throws Exception {
        hook.stubFor(post("/hooks/vigil").willReturn(aResponse().withStatus(503)));
        Delivery first = TestAlerts.delivery(TestAlerts.firing());
        Delivery upgrade = Delivery.first(Delivery.key(TestAlerts.firing(), 7), TestAlerts.firing());

        for (Delivery delivery : List.of(first, first, upgrade)) {
            assertThatThrownBy(() -> notifier(Optional.empty()).send(delivery)).isInstanceOf(NotificationException.class);
        }

        assertThat(hook.findAll(postRequestedFor(urlEqualTo("/hooks/vigil"))))
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly(TestAlerts.FINGERPRINT + ":firing:1", TestAlerts.FINGERPRINT + ":firing:1",
                        TestAlerts.FINGERPRINT + ":firing:7");
    }

    @Test
    void resolvedAlertSaysResolvedWithItsEndTime() throws Exception {
        hook.stubFor(post("/hooks/vigil").willReturn(aResponse().withStatus(204)));

        notifier(Optional.empty()).send(TestAlerts.delivery(TestAlerts.resolved()));

        hook.verify(1, postRequestedFor(urlEqualTo("/hooks/vigil"))
                .withHeader("Idempotency-Key", equalTo(TestAlerts.FINGERPRINT + ":resolved:2"))
                .withRequestBody(matchingJsonPath("$.status", equalTo("resolved")))
                .withRequestBody(matchingJsonPath("$.alerts[0].status", equalTo("resolved")))
                .withRequestBody(matchingJsonPath("$.alerts[0].endsAt", equalTo("2024-06-01T08:20:00Z"))));
    }

    @Test
    void signatureIsHmacSha256OfTheExactBodyTheReceiverGot() throws Exception {
        hook.stubFor(post("/hooks/vigil").willReturn(ok()));

        notifier(Optional.of(SECRET)).send(TestAlerts.delivery(TestAlerts.firing()));

        LoggedRequest received = hook.findAll(postRequestedFor(urlEqualTo("/hooks/vigil"))).get(0);
        String header = received.getHeader(WebhookNotifier.SIGNATURE_HEADER);
        assertThat(header).startsWith("sha256=").hasSize("sha256=".length() + 64);
        assertThat(header).isEqualTo(WebhookNotifier.signature(SECRET, received.getBody()));
        assertThat(header).isNotEqualTo(WebhookNotifier.signature("another secret", received.getBody()));
    }

    @Test
    void signatureMatchesAKnownHmacSha256Vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookNotifier.signature("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void tooManyRequestsIsRetryableAfterTheAskedDelay() {
        hook.stubFor(post("/hooks/vigil").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void serverErrorIsRetryable() {
        hook.stubFor(post("/hooks/vigil").willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void clientErrorIsPermanentAndNeverShowsTheSecret() {
        hook.stubFor(post("/hooks/vigil").willReturn(aResponse().withStatus(401).withBody("{\"error\":\"bad signature\"}")));

        assertThatThrownBy(() -> notifier(Optional.of(SECRET)).send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("401").contains("bad signature").doesNotContain(SECRET));
    }

    @Test
    void missingUrlIsNamedInTheMisconfiguration() {
        WebhookNotifier unset = new WebhookNotifier(Optional.empty(), Optional.empty(), new ObjectMapper(), NotificationTemplates.shipped());

        assertThat(unset.misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.webhook.url"));
    }
}
