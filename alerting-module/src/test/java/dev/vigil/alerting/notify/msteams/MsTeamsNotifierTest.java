package dev.vigil.alerting.notify.msteams;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Explanation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Adaptive Card a Teams channel shows. */
class MsTeamsNotifierTest {

    private final MsTeamsNotifier notifier = new MsTeamsNotifier(Optional.empty(), NotificationTemplates.shipped(),
            new ObjectMapper());

    private static JsonNode body(JsonNode message) {
        return message.path("attachments").get(0).path("content").path("body");
    }

    @Test
    void aFiringLogAlertShowsFiveEvidenceLinesInMonospaceAndItsResolveNone() {
        Alert plain = TestAlerts.withEvidence();
        Explanation why = plain.explanation().withEvidence(List.of("l1", "l2", "l3", "l4", "l5", "l6", "l7"));
        Alert firing = new Alert(plain.id(), plain.fingerprint(), plain.status(), plain.severity(), plain.source(),
                plain.entity(), plain.detector(), plain.startsAt(), null, plain.summary(), why, plain.labels());

        JsonNode body = body(notifier.message(firing));
        assertThat(body.findValuesAsText("fontType")).hasSize(5);
        assertThat(body.get(4).path("text").asText()).isEqualTo("l1");
        assertThat(body.get(2).path("facts").findValuesAsText("value")).contains(firing.entity(), "77.05 (expected 68.05 ± 0.12)");

        JsonNode resolved = body(notifier.message(firing.resolved(TestAlerts.ENDS)));
        assertThat(resolved.findValuesAsText("fontType")).isEmpty();
        assertThat(resolved.get(0).path("color").asText()).isEqualTo("Good");
    }

    @Test
    void withoutAWebhookTheIntegrationIsMisconfigured() {
        assertThat(notifier.misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.msteams.webhook-url"));
    }
}
