package dev.vigil.alerting.notify.slack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageTest {

    private static final Instant STARTS = Instant.parse("2024-06-01T08:03:00Z");
    private static final Instant ENDS = Instant.parse("2024-06-01T08:20:00Z");
    private static final String ID = "3f2b8c1e-7a4d-4e0b-9b8e-2c1d0e9f8a7b";

    private final ObjectMapper mapper = new ObjectMapper();
    private final SlackMessage messages = new SlackMessage(mapper, NotificationTemplates.shipped());

    private static Explanation explanation(String description) {
        return new Explanation("mean", 187.25, 100, 2.5, List.of(new Finding("robust-z", 34.9, 3.5, description),
                new Finding("cusum", 1, 4, "cusum finding")));
    }

    private static Alert alert(AlertStatus status, Severity severity, String source, String entity, String detector,
            String description) {
        return new Alert(ID, "bcaf862b5631cdf3", status, severity, source, entity, detector, STARTS,
                status == AlertStatus.RESOLVED ? ENDS : null, entity + " mean is anomalous", explanation(description),
                new TreeMap<>(Map.of("device", "d7")));
    }

    private static Alert firing(Severity severity, String entity) {
        return alert(AlertStatus.FIRING, severity, "mqtt", entity, "temp-spike", "mean observed 187.3 vs expected 100.0");
    }

    private static Alert resolved(String entity) {
        return alert(AlertStatus.RESOLVED, Severity.CRITICAL, "mqtt", entity, "temp-spike", "mean observed 187.3");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void topLevelHasOnlyTextAndBlocks() {
        ObjectNode json = messages.of(firing(Severity.CRITICAL, "pump-1"));

        assertThat(fieldNames(json)).containsExactly("text", "blocks");
        assertThat(json.get("text").isTextual()).isTrue();
        assertThat(json.get("blocks").isArray()).isTrue();
    }

    @Test
    void blocksAreHeaderExplanationFactsAndContextInThatOrder() {
        JsonNode blocks = messages.of(firing(Severity.CRITICAL, "pump-1")).get("blocks");

        assertThat(blocks).hasSize(4);
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(1).get("type").asText()).isEqualTo("section");
        assertThat(blocks.get(1).has("text")).isTrue();
        assertThat(blocks.get(2).get("type").asText()).isEqualTo("section");
        assertThat(blocks.get(2).has("fields")).isTrue();
        assertThat(blocks.get(3).get("type").asText()).isEqualTo("context");
    }

    @Test
    void theOtherAnomalousFindingsAreListedAfterTheFacts() {
        Explanation why = new Explanation("error_count", 500, 0, 1, List.of(
                new Finding("novelty", 500, 1, "log-new-errors: 5 new template(s) at ERROR level"),
                new Finding("robust-z", 340, 3.5, "log-errors: error_count observed 500 vs expected 0"),
                new Finding("cusum", 12, 8, "log-template-rates, template 'payment gateway timeout <*>': count above"),
                new Finding("cusum", 1, 8, "a finding below its limit")));
        Alert incident = new Alert(ID, "bcaf862b5631cdf3", AlertStatus.FIRING, Severity.CRITICAL, "kafka", "checkout",
                "logs", STARTS, null, "checkout", why, new TreeMap<>(Map.of("service", "checkout")));

        JsonNode blocks = messages.of(incident).get("blocks");

        assertThat(blocks).hasSize(5);
        String findings = blocks.get(3).path("text").path("text").asText();
        assertThat(findings).startsWith("*Findings*\n• `log-errors: error_count observed 500 vs expected 0`")
                .contains("template 'payment gateway timeout &lt;*&gt;'").doesNotContain("below its limit");
    }

    @Test
    void headerIsPlainTextWithEmojiAndNamesSeverityAndEntity() {
        JsonNode text = messages.of(firing(Severity.CRITICAL, "pump-1")).get("blocks").get(0).get("text");

        assertThat(text.get("type").asText()).isEqualTo("plain_text");
        assertThat(text.get("emoji").isBoolean()).isTrue();
        assertThat(text.get("emoji").asBoolean()).isTrue();
        assertThat(text.get("text").asText()).contains("CRITICAL").endsWith("pump-1").doesNotContain("RESOLVED");
    }

    @Test
    void warningAlertSaysWarningInTheHeader() {
        String header = messages.of(firing(Severity.WARNING, "pump-1")).get("blocks").get(0).get("text").get("text").asText();

        assertThat(header).contains("WARNING").doesNotContain("CRITICAL");
    }

    @Test
    void headerIsCutTo150CharactersEvenForA500CharacterEntity() {
        String entity = "e".repeat(500);

        ObjectNode json = messages.of(firing(Severity.CRITICAL, entity));
        String header = json.get("blocks").get(0).get("text").get("text").asText();

        assertThat(header.length()).isLessThanOrEqualTo(150);
        assertThat(header.codePointCount(0, header.length())).isLessThanOrEqualTo(150);
        assertThat(header).contains("CRITICAL").contains("eeeeeeeeee").endsWith("…");
    }

    @Test
    void explanationSectionIsMrkdwnWithTheStrongestFindingsDescription() {
        JsonNode text = messages.of(firing(Severity.CRITICAL, "pump-1")).get("blocks").get(1).get("text");

        assertThat(text.get("type").asText()).isEqualTo("mrkdwn");
        assertThat(text.get("text").asText()).isEqualTo("mean observed 187.3 vs expected 100.0");
    }

    @Test
    void factsSectionListsSourceDetectorObservedAndExpectedAsMrkdwnFields() {
        JsonNode fields = messages.of(firing(Severity.CRITICAL, "pump-1")).get("blocks").get(2).get("fields");

        assertThat(fields).hasSize(4);
        assertThat(fields).allSatisfy(f -> assertThat(f.get("type").asText()).isEqualTo("mrkdwn"));
        assertThat(fields.get(0).get("text").asText()).isEqualTo("*Source*\nmqtt");
        assertThat(fields.get(1).get("text").asText()).isEqualTo("*Detector*\ntemp-spike");
        assertThat(fields.get(2).get("text").asText()).isEqualTo("*Observed mean*\n" + String.format("%.4g", 187.25));
        assertThat(fields.get(3).get("text").asText())
                .isEqualTo("*Expected*\n" + String.format("%.4g ± %.2g", 100.0, 2.5));
    }

    @Test
    void contextShowsStartTimeAsSlackDateAndTheAlertId() {
        JsonNode context = messages.of(firing(Severity.CRITICAL, "pump-1")).get("blocks").get(3);

        JsonNode element = context.get("elements").get(0);
        assertThat(context.get("elements")).hasSize(1);
        assertThat(element.get("type").asText()).isEqualTo("mrkdwn");
        assertThat(element.get("text").asText())
                .startsWith("<!date^" + STARTS.getEpochSecond() + "^Started ")
                .contains("|" + STARTS + ">")
                .endsWith("alert `" + ID + "`");
    }

    @Test
    void fallbackTextCarriesStatusSeverityEntitySourceAndSummary() {
        String text = messages.of(firing(Severity.CRITICAL, "pump-1")).get("text").asText();

        assertThat(text).isEqualTo("[FIRING] CRITICAL pump-1 (mqtt): mean observed 187.3 vs expected 100.0");
    }

    @Test
    void resolvedAlertSaysResolvedInHeaderSectionTextAndContext() {
        ObjectNode json = messages.of(resolved("pump-1"));
        JsonNode blocks = json.get("blocks");

        assertThat(blocks.get(0).get("text").get("text").asText()).contains("RESOLVED").doesNotContain("CRITICAL");
        assertThat(blocks.get(1).get("text").get("text").asText()).isEqualTo("Back to normal: `pump-1` (temp-spike)");
        assertThat(blocks.get(3).get("elements").get(0).get("text").asText())
                .startsWith("<!date^" + ENDS.getEpochSecond() + "^Resolved ")
                .contains("|" + ENDS + ">");
        assertThat(json.get("text").asText()).startsWith("[RESOLVED]").endsWith(": resolved");
    }

    @Test
    void ampersandAndAngleBracketsAreEscapedInTheExplanation() {
        Alert alert = alert(AlertStatus.FIRING, Severity.WARNING, "mqtt", "pump-1", "temp-spike",
                "latency <p99> & errors > limit <!channel>");

        String section = messages.of(alert).get("blocks").get(1).get("text").get("text").asText();

        assertThat(section).isEqualTo("latency &lt;p99&gt; &amp; errors &gt; limit &lt;!channel&gt;");
    }

    @Test
    void ampersandAndAngleBracketsAreEscapedInTheResolvedSection() {
        String section = messages.of(resolved("cpu{host=<a&b>}")).get("blocks").get(1).get("text").get("text").asText();

        assertThat(section).isEqualTo("Back to normal: `cpu{host=&lt;a&amp;b&gt;}` (temp-spike)");
    }

    @Test
    void ampersandAndAngleBracketsAreEscapedInTheFields() {
        Alert alert = alert(AlertStatus.FIRING, Severity.WARNING, "a<b>", "pump-1", "x&y", "d");

        JsonNode fields = messages.of(alert).get("blocks").get(2).get("fields");

        assertThat(fields.get(0).get("text").asText()).isEqualTo("*Source*\na&lt;b&gt;");
        assertThat(fields.get(1).get("text").asText()).isEqualTo("*Detector*\nx&amp;y");
    }

    @Test
    void alreadyEscapedLookingTextIsEscapedAgainSoItDisplaysLiterally() {
        Alert alert = alert(AlertStatus.FIRING, Severity.WARNING, "mqtt", "pump-1", "temp-spike", "&lt;");

        assertThat(messages.of(alert).get("blocks").get(1).get("text").get("text").asText()).isEqualTo("&amp;lt;");
    }

    @Test
    void messageSerialisesToJsonAndReadsBackUnchanged() throws Exception {
        ObjectNode json = messages.of(resolved("e".repeat(500)));

        String written = mapper.writeValueAsString(json);

        assertThat(mapper.readTree(written)).isEqualTo(json);
    }

    @Test
    void ampersandAndAngleBracketsAreEscapedInTheFallbackText() {
        String text = messages.of(firing(Severity.CRITICAL, "cpu{host=<!channel>&co}")).get("text").asText();

        assertThat(text).contains("cpu{host=&lt;!channel&gt;&amp;co}").doesNotContain("<").doesNotContain(">");
    }

    @Test
    void headerCutNeverSplitsASurrogatePair() {
        // "🔴 CRITICAL · " is 14 UTF-16 chars; entity index 134/135 is then text index 148/149, across the cut at 149
        String entity = "x".repeat(134) + "\uD83D\uDE00" + "y".repeat(50);

        String header = messages.of(firing(Severity.CRITICAL, entity)).get("blocks").get(0).get("text").get("text").asText();

        assertThat(header.length()).isLessThanOrEqualTo(150);
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < header.length() && Character.isLowSurrogate(header.charAt(i + 1)))
                        .as("high surrogate at %d is followed by its low surrogate", i).isTrue();
            }
        }
    }

    @Test
    void evidenceIsASectionOfAtMostFiveEscapedCodeLinesBeforeTheContext() {
        List<String> lines = new ArrayList<>();
        lines.add("ERROR <payment> & `refund` failed\nsecond line");
        lines.add("x".repeat(1000));
        for (int i = 3; i <= 7; i++) {
            lines.add("line " + i);
        }
        Alert plain = firing(Severity.CRITICAL, "checkout");
        Explanation why = plain.explanation();
        Alert alert = new Alert(plain.id(), plain.fingerprint(), plain.status(), plain.severity(), plain.source(),
                plain.entity(), plain.detector(), plain.startsAt(), null, plain.summary(), new Explanation(why.feature(),
                        why.observed(), why.expected(), why.scale(), why.findings(), why.contributions(), lines),
                plain.labels());

        JsonNode blocks = messages.of(alert).get("blocks");

        assertThat(blocks).extracting(b -> b.get("type").asText())
                .containsExactly("header", "section", "section", "section", "context");
        String text = blocks.get(3).get("text").get("text").asText();
        assertThat(blocks.get(3).get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(text).startsWith("*Evidence*\n• `ERROR &lt;payment&gt; &amp; 'refund' failed second line`\n• `xxx")
                .contains("• `line 5`").doesNotContain("line 6").endsWith("_… and 2 more_");
        assertThat(text.split("\n")[2]).hasSizeLessThan(310);
        assertThat(text.length()).isLessThanOrEqualTo(3000);
    }

    @Test
    void withoutEvidenceOrOnceResolvedThereIsNoEvidenceSection() {
        assertThat(messages.of(firing(Severity.CRITICAL, "pump-1")).get("blocks")).hasSize(4);
        assertThat(messages.of(resolved("pump-1")).get("blocks")).hasSize(4);
    }
}
