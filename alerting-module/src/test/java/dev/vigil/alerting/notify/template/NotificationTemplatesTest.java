package dev.vigil.alerting.notify.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped templates say what each integration said before they existed, for every kind of alert, and a user's
 * folder replaces them by file name, a broken one stopping the start with the file and the line.
 */
class NotificationTemplatesTest {

    private static final Instant STARTS = Instant.parse("2026-03-02T09:15:00Z");

    private final NotificationTemplates shipped = NotificationTemplates.shipped();

    /** A metric's alert as the metric detector explains it: leading values, two findings, labels, no evidence. */
    static Alert metric() {
        return TestAlerts.firing();
    }

    /** A log detector's alert: a new error template, example lines with characters every format escapes. */
    static Alert log() {
        Explanation why = new Explanation("error_rate", 0.31, 0.01, 0.02, List.of(
                new Finding("novelty", 1, 0.5, "new error template <*> timed out after <*> ms"),
                new Finding("robust-z", 15, 3.5, "error rate 0.31 vs 0.01")), List.of(),
                List.of("2026-03-02T09:14:58Z ERROR checkout <db> timed out & gave up", "ERROR pool exhausted"));
        return new Alert("log-1", "a1b2c3d4e5f60708", AlertStatus.FIRING, Severity.WARNING, "logs", "checkout",
                "log-errors", STARTS, null, "checkout errors", why, new TreeMap<>(Map.of("service", "checkout")));
    }

    /** A user's alert: behaviour facts as evidence, no labels. */
    static Alert user() {
        Explanation why = new Explanation("countries", 3, 1, 0.5,
                List.of(new Finding("rules", 1, 1, "logged in from 3 countries in 24 h")), List.of(),
                List.of("3 countries in 24 h"));
        return new Alert("user-1", "0f0e0d0c0b0a0908", AlertStatus.FIRING, Severity.CRITICAL, "auth", "user:alice",
                "user-behaviour", STARTS, null, "alice is unusual", why, new TreeMap<>());
    }

    @Test
    void everyShippedTemplateRendersForAMetricALogAndAUserAlertFiringAndResolved() {
        for (Alert firing : List.of(metric(), log(), user())) {
            Alert resolved = firing.resolved(firing.startsAt().plusSeconds(17 * 60));
            for (Alert alert : List.of(firing, resolved)) {
                for (NotificationTemplate t : NotificationTemplate.values()) {
                    assertThat(shipped.render(t, alert)).as("%s for %s %s", t.file(), alert.entity(), alert.status())
                            .isNotBlank();
                }
                assertThat(shipped.render(NotificationTemplate.TITLE, alert))
                        .isEqualTo((alert.status() == AlertStatus.RESOLVED ? "RESOLVED " : "") + alert.severity() + " "
                                + alert.entity() + " (" + alert.detector() + ")");
                assertThat(shipped.render(NotificationTemplate.EMAIL_SUBJECT, alert))
                        .startsWith("[vigil:" + alert.id() + "] ");
            }
            assertThat(shipped.render(NotificationTemplate.HEADLINE, firing)).isEqualTo(firing.explanation().summary());
            assertThat(shipped.render(NotificationTemplate.HEADLINE, resolved)).isEqualTo("Back to normal: "
                    + firing.entity() + " (" + firing.detector() + ") after PT17M.");
            assertThat(shipped.render(NotificationTemplate.JIRA_RESOLVED, resolved))
                    .isEqualTo("[vigil:" + firing.id() + "] resolved: Back to normal: " + firing.entity() + " ("
                            + firing.detector() + ") after PT17M.\nResolved at " + resolved.endsAt() + ", after PT17M.");
        }
    }

    @Test
    void theWholeAlertAsTextHasTheFactsFindingsAndEvidenceInReadingOrder() {
        String text = shipped.render(NotificationTemplate.TEXT, log().resolved(STARTS.plusSeconds(60)));

        assertThat(text).isEqualTo("""
                Back to normal: checkout (log-errors) after PT1M.

                Status: RESOLVED
                Severity: WARNING
                Source: logs
                Entity: checkout
                Detector: log-errors
                Observed error_rate: 0.3100
                Expected: 0.01000 ± 0.020
                Started: 2026-03-02T09:15:00Z
                Resolved: 2026-03-02T09:16:00Z
                Label service: checkout
                Alert id: log-1
                Fingerprint: a1b2c3d4e5f60708

                Findings:
                - novelty: new error template <*> timed out after <*> ms (statistic 1.00, limit 0.500)
                - robust-z: error rate 0.31 vs 0.01 (statistic 15.0, limit 3.50)

                Evidence:
                - 2026-03-02T09:14:58Z ERROR checkout <db> timed out & gave up
                - ERROR pool exhausted""");
        assertThat(shipped.render(NotificationTemplate.TEXT, user())).doesNotContain("Label ").doesNotContain("Resolved:");
    }

    @Test
    void valuesAreEscapedForTheFormatATemplateWrites() {
        assertThat(shipped.render(NotificationTemplate.EMAIL_HTML, log()))
                .contains("<li><code>2026-03-02T09:14:58Z ERROR checkout &lt;db&gt; timed out &amp; gave up</code></li>")
                .contains("<h2>WARNING checkout (log-errors)</h2>");
        assertThat(shipped.render(NotificationTemplate.SLACK_SUMMARY, log()))
                .isEqualTo("new error template &lt;*&gt; timed out after &lt;*&gt; ms");
        assertThat(shipped.render(NotificationTemplate.TEXT, log())).contains("<db> timed out & gave up");
    }

    @Test
    void aFileInTheUsersFolderReplacesTheShippedTemplateOfItsName(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("title.txt"), "{alert.severity.name.toLowerCase}: {alert.entity} on {alert.labels.site ?: 'no site'}\n");
        Files.writeString(folder.resolve("slack-text.txt"), "{#if firing}:fire:{#else}:white_check_mark:{/if} {title}");

        NotificationTemplates templates = NotificationTemplates.load(Optional.of(folder));

        Alert alert = metric();
        assertThat(templates.render(NotificationTemplate.TITLE, alert))
                .isEqualTo("critical: temperature{device=boiler-2,site=plant-1} on plant-1");
        assertThat(templates.render(NotificationTemplate.SLACK_TEXT, alert.resolved(TestAlerts.ENDS)))
                .isEqualTo(":white_check_mark: critical: temperature{device=boiler-2,site=plant-1} on plant-1");
        assertThat(templates.render(NotificationTemplate.JIRA_SUMMARY, alert)).as("the others use the new title")
                .isEqualTo("[vigil:" + alert.id() + "] critical: temperature{device=boiler-2,site=plant-1} on plant-1");
        assertThat(templates.render(NotificationTemplate.HEADLINE, alert)).as("not overridden: shipped")
                .isEqualTo(shipped.render(NotificationTemplate.HEADLINE, alert));
    }

    @Test
    void aTemplateThatDoesNotParseStopsTheStartNamingTheFileAndLine(@TempDir Path folder) throws IOException {
        Path broken = folder.resolve("email.txt");
        Files.writeString(broken, "{text}\n\n{#if firing}\nstill firing\n{/for}\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> NotificationTemplates.load(Optional.of(folder)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("line 5");
    }

    @Test
    void aTemplateNamingWhatAnAlertDoesNotHaveStopsTheStartNamingTheFileAndLine(@TempDir Path folder)
            throws IOException {
        Path broken = folder.resolve("jira-summary.txt");
        Files.writeString(broken, "{token}\n{alert.entty}\n");

        assertThatThrownBy(() -> NotificationTemplates.load(Optional.of(folder)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("line 2")
                .hasMessageContaining("entty");
    }

    @Test
    void aFileThatOverridesNoTemplateOrAMissingFolderStopsTheStart(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("titel.txt"), "{title}");

        assertThatThrownBy(() -> NotificationTemplates.load(Optional.of(folder)))
                .hasMessageContaining("titel.txt").hasMessageContaining("overrides no template")
                .hasMessageContaining("title.txt");
        assertThatThrownBy(() -> NotificationTemplates.load(Optional.of(folder.resolve("absent"))))
                .hasMessageContaining("vigil.notify.templates").hasMessageContaining("absent");
    }
}
