package dev.vigil.alerting.notify.alertmanager;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Alertmanager push's bodies and answers, against a stub answering as Alertmanager's API v2 does. */
class AlertmanagerNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-06-01T08:05:00Z");

    @RegisterExtension
    static final WireMockExtension alertmanager = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private AlertmanagerNotifier notifier(Optional<String> externalUrl) {
        return new AlertmanagerNotifier(List.of(URI.create(alertmanager.baseUrl())), externalUrl, Duration.ofHours(6),
                NotificationTemplates.shipped(), Clock.fixed(NOW, ZoneOffset.UTC), JSON);
    }

    private JsonNode pushed() throws Exception {
        return JSON.readTree(alertmanager.findAll(postRequestedFor(urlEqualTo("/api/v2/alerts"))).get(0).getBodyAsString());
    }

    @Test
    void aWarningIsOneAlertHeldFiringForHoldWithoutAGeneratorUrlWhenVigilsIsNotSet() throws Exception {
        alertmanager.stubFor(post("/api/v2/alerts").willReturn(aResponse().withStatus(200)));

        notifier(Optional.empty()).send(TestAlerts.delivery(TestAlerts.firing(Severity.WARNING, "pump-3", "pump hot")));

        JsonNode alerts = pushed();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(alerts.get(0).path("labels").path("site").asText()).isEqualTo("plant-1");
        assertThat(alerts.get(0).path("endsAt").asText()).isEqualTo("2024-06-01T14:05:00Z");
        assertThat(alerts.get(0).has("generatorURL")).isFalse();
        assertThat(alerts.get(0).path("annotations").path("vigil_fingerprint").asText()).isEqualTo(TestAlerts.FINGERPRINT);
    }

    @Test
    void anAlertAlertmanagerRefusesIsAPermanentFailure() {
        alertmanager.stubFor(post("/api/v2/alerts").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("\"start time must be before end time\"")));

        assertThatThrownBy(() -> notifier(Optional.of("https://vigil.example.com")).send(TestAlerts.delivery(TestAlerts.firing())))
                .isInstanceOfSatisfying(NotificationException.class,
                        e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("400").hasMessageContaining("start time must be before end time");
    }

    @Test
    void withoutAnyAlertmanagerTheIntegrationIsMisconfigured() {
        AlertmanagerNotifier none = new AlertmanagerNotifier(List.of(), Optional.empty(), Duration.ofHours(1),
                NotificationTemplates.shipped(), Clock.systemUTC(), JSON);
        assertThat(none.misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.alertmanager.urls"));
    }
}
