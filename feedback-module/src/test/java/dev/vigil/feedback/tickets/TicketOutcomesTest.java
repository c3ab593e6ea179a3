package dev.vigil.feedback.tickets;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.FeedbackRejected;
import dev.vigil.feedback.Secrets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketOutcomesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VerdictMapping JIRA = VerdictMapping.parse("k",
            "Done:TRUE_INCIDENT, Won't Do:FALSE_ALARM,Duplicate:duplicate, Cannot Reproduce:false-alarm");

    /** Shaped like Jira Cloud's jira:issue_updated webhook body. */
    public static String jiraUpdate(String labels, String field, String to) {
        return """
                {"timestamp":1717229000000,"webhookEvent":"jira:issue_updated","issue_event_type_name":"issue_resolved",
                 "user":{"accountId":"5b10a2844c20165700ede21g","displayName":"Amy McGee"},
                 "issue":{"id":"10042","key":"OPS-42","fields":{"labels":[%s],"summary":"CRITICAL boiler"}},
                 "changelog":{"id":"10100","items":[{"field":"%s","fieldtype":"jira","from":null,"fromString":null,"to":"10000","toString":"%s"}]}}
                """.formatted(labels, field, to);
    }

    @Test
    void mappingIgnoresCaseAndSpacesAndNamesABadPair() {
        assertThat(JIRA.verdictOf("won't do")).contains(Verdict.FALSE_ALARM);
        assertThat(JIRA.verdictOf(" DONE ")).contains(Verdict.TRUE_INCIDENT);
        assertThat(JIRA.verdictOf("Cannot Reproduce")).contains(Verdict.FALSE_ALARM);
        assertThat(JIRA.verdictOf("In Progress")).isEmpty();
        assertThatThrownBy(() -> VerdictMapping.parse("vigil.feedback.jira.resolutions", "Done:MAYBE"))
                .hasMessageContaining("vigil.feedback.jira.resolutions").hasMessageContaining("MAYBE");
        assertThatThrownBy(() -> VerdictMapping.parse("k", "Done")).hasMessageContaining("name:VERDICT");
        assertThat(VerdictMapping.parse("k", "").verdictOf("Done")).isEmpty();
    }

    @Test
    void aJiraResolutionBecomesTheVerdictOfTheLabelledFingerprint() throws Exception {
        Optional<TicketAnswer> answer = new JiraWebhook(JSON, JIRA).parse(
                jiraUpdate("\"ops\",\"vigil-bcaf862b5631cdf3\"", "resolution", "Won't Do").getBytes(StandardCharsets.UTF_8),
                new StringBuilder());
        assertThat(answer).get().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("bcaf862b5631cdf3");
            assertThat(a.verdict()).isEqualTo(Verdict.FALSE_ALARM);
            assertThat(a.actor()).isEqualTo("Amy McGee");
            assertThat(a.at()).isEqualTo(Instant.ofEpochMilli(1717229000000L));
            assertThat(a.reference()).isEqualTo("jira OPS-42");
        });
    }

    @Test
    void jiraUpdatesWithoutAMappedOutcomeOrLabelAreIgnoredWithTheReason() throws Exception {
        JiraWebhook jira = new JiraWebhook(JSON, JIRA);
        StringBuilder why = new StringBuilder();
        assertThat(jira.parse(jiraUpdate("\"vigil-abc\"", "status", "In Progress").getBytes(StandardCharsets.UTF_8), why)).isEmpty();
        assertThat(why).contains("status In Progress maps to no verdict");
        why.setLength(0);
        assertThat(jira.parse(jiraUpdate("\"ops\"", "resolution", "Done").getBytes(StandardCharsets.UTF_8), why)).isEmpty();
        assertThat(why).contains("no vigil-<fingerprint> label");
        why.setLength(0);
        assertThat(jira.parse("{\"webhookEvent\":\"jira:issue_created\"}".getBytes(StandardCharsets.UTF_8), why)).isEmpty();
        assertThat(why).contains("not jira:issue_updated");
        assertThatThrownBy(() -> jira.parse("nope".getBytes(StandardCharsets.UTF_8), new StringBuilder()))
                .isInstanceOf(FeedbackRejected.class).hasMessageContaining("not JSON");
    }

    @Test
    void aStatusChangeCountsWhenItIsMapped() throws Exception {
        assertThat(new JiraWebhook(JSON, JIRA).parse(jiraUpdate("\"vigil-abc\"", "status", "Done")
                .getBytes(StandardCharsets.UTF_8), new StringBuilder())).get()
                .extracting(TicketAnswer::verdict).isEqualTo(Verdict.TRUE_INCIDENT);
    }

    @Test
    void theJiraSignatureIsTheHexHmacOfTheBody() {
        byte[] body = "{\"webhookEvent\":\"jira:issue_updated\"}".getBytes(StandardCharsets.UTF_8);
        String good = "sha256=" + Secrets.hmacSha256Hex("jira-secret", body);
        assertThatCode(() -> JiraWebhook.verify("jira-secret", good, body)).doesNotThrowAnyException();
        assertThatThrownBy(() -> JiraWebhook.verify("other", good, body)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> JiraWebhook.verify("jira-secret", null, body)).hasMessageContaining("missing X-Hub-Signature");
    }

    @Test
    void aServiceNowResolutionMapsItsCloseCode() throws Exception {
        ServiceNowResolution snow = new ServiceNowResolution(JSON,
                VerdictMapping.parse("k", "Solution provided:TRUE_INCIDENT,Not a problem:FALSE_ALARM"));
        String resolved = "{\"correlation_id\":\"bcaf862b5631cdf3\",\"number\":\"INC0010042\",\"state\":\"6\","
                + "\"close_code\":\"Not a problem\",\"close_notes\":\"probe unplugged\",\"resolved_by\":\"amy.mcgee\"}";
        assertThat(snow.parse(resolved.getBytes(StandardCharsets.UTF_8), new StringBuilder())).get().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("bcaf862b5631cdf3");
            assertThat(a.verdict()).isEqualTo(Verdict.FALSE_ALARM);
            assertThat(a.actor()).isEqualTo("amy.mcgee");
            assertThat(a.comment()).isEqualTo("probe unplugged");
        });
        StringBuilder why = new StringBuilder();
        assertThat(snow.parse(resolved.replace("\"6\"", "\"2\"").getBytes(StandardCharsets.UTF_8), why)).isEmpty();
        assertThat(why).contains("not resolved");
        assertThatThrownBy(() -> snow.parse(resolved.replace("Not a problem", "Workaround").getBytes(StandardCharsets.UTF_8),
                new StringBuilder())).hasMessageContaining("close_code 'Workaround' maps to no verdict");
        assertThatThrownBy(() -> snow.parse("{\"state\":\"6\"}".getBytes(StandardCharsets.UTF_8), new StringBuilder()))
                .hasMessageContaining("correlation_id is missing");
    }

    @Test
    void verdictNamesAreReadAsPeopleWriteThem() {
        assertThat(Verdict.named("false-alarm")).contains(Verdict.FALSE_ALARM);
        assertThat(Verdict.named("New Normal")).contains(Verdict.NEW_NORMAL);
        assertThat(Verdict.named("TRUE_INCIDENT")).contains(Verdict.TRUE_INCIDENT);
        assertThat(Verdict.named("maybe")).isEmpty();
        assertThat(Verdict.named(null)).isEmpty();
        assertThat(Secrets.constantTimeEquals("a", "a")).isTrue();
        assertThat(Secrets.constantTimeEquals("a", "ab")).isFalse();
        assertThat(Secrets.constantTimeEquals(null, "a")).isFalse();
    }
}
