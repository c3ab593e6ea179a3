package dev.vigil.alerting.notify.opsgenie;

import java.net.URI;
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

/** Opsgenie's create body and its refusals, against a stub answering as the Alert API v2 does. */
class OpsgenieNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final WireMockExtension opsgenie = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private OpsgenieNotifier notifier() {
        return new OpsgenieNotifier(Optional.of("key"), URI.create(opsgenie.baseUrl()), List.of(),
                NotificationTemplates.shipped(), JSON);
    }

    @Test
    void aWarningIsP3ItsMessageCutToOpsgeniesLimitAndWithoutRespondersTheIntegrationRoutesIt() throws Exception {
        opsgenie.stubFor(post("/v2/alerts").willReturn(aResponse().withStatus(202).withHeader("Content-Type",
                "application/json").withBody("{\"result\":\"Request will be processed\",\"took\":0.1,\"requestId\":\"r-1\"}")));

        assertThat(notifier().send(TestAlerts.delivery(TestAlerts.firing(Severity.WARNING, "x".repeat(300), "hot"))))
                .contains("r-1");

        JsonNode body = JSON.readTree(opsgenie.findAll(postRequestedFor(urlEqualTo("/v2/alerts"))).get(0).getBodyAsString());
        assertThat(body.path("priority").asText()).isEqualTo("P3");
        assertThat(body.path("message").asText()).hasSize(130).endsWith("…");
        assertThat(body.has("responders")).isFalse();
        assertThat(body.path("alias").asText()).isEqualTo(TestAlerts.FINGERPRINT);
    }

    @Test
    void aRevokedKeyOrABodyOpsgenieCannotProcessIsPermanent() {
        opsgenie.stubFor(post("/v2/alerts").willReturn(aResponse().withStatus(422).withHeader("Content-Type",
                "application/json").withBody("{\"message\":\"Request body is not processable. Please check the errors.\","
                        + "\"errors\":{\"message\":\"Message can not be empty.\"},\"took\":0.0,\"requestId\":\"r-2\"}")));
        assertThatThrownBy(() -> notifier().send(TestAlerts.delivery(TestAlerts.firing())))
                .isInstanceOfSatisfying(NotificationException.class,
                        e -> assertThat(e.retryable()).isFalse()).hasMessageContaining("422");

        opsgenie.stubFor(post("/v2/alerts").willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("{\"message\":\"Could not authenticate\",\"took\":0.0,\"requestId\":\"r-3\"}")));
        assertThatThrownBy(() -> notifier().send(TestAlerts.delivery(TestAlerts.firing())))
                .isInstanceOfSatisfying(NotificationException.class,
                        e -> assertThat(e.retryable()).isFalse()).hasMessageContaining("Could not authenticate");
    }
}
