package dev.vigil.feedback.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.FeedbackRejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockActionsPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockActionsPayload payloads = new BlockActionsPayload(JSON);

    /** Shaped like the block_actions payload of Slack's reference, for a click on Vigil's "False alarm". */
    static String payload(String actionId, String value) {
        return """
                {"type":"block_actions","user":{"id":"U0CA5","username":"amy.mcgee","name":"amy.mcgee","team_id":"T3MDE"},
                 "api_app_id":"A0CA5","token":"Shh_its_a_seekrit","container":{"type":"message","text":"The contents of the original message where the action originated","message_ts":"1548261231.000200","channel_id":"C0CA5","is_ephemeral":false},
                 "trigger_id":"12466734323.1395872398","team":{"id":"T3MDE","domain":"ops"},
                 "channel":{"id":"C0CA5","name":"alerts"},
                 "message":{"type":"message","ts":"1548261231.000200","text":"[FIRING] CRITICAL boiler","blocks":[{"type":"header","block_id":"h"},{"type":"actions","block_id":"vigil_feedback"}]},
                 "response_url":"https://hooks.slack.com/actions/T3MDE/397700885554/96rGlfmibIGlgcZRskXaIFfN",
                 "actions":[{"action_id":"%s","block_id":"vigil_feedback","text":{"type":"plain_text","text":"False alarm","emoji":false},"value":"%s","type":"button","action_ts":"1548426417.840180"}]}
                """.formatted(actionId, value);
    }

    static byte[] form(String payload) {
        return ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aClickOnFalseAlarmNamesTheAlertTheVerdictAndWhoClicked() throws Exception {
        SlackClick click = payloads.parse(form(payload("vigil_feedback_false_alarm",
                "3f2b8c1e-7a4d-4e0b-9b8e-2c1d0e9f8a7b:FALSE_ALARM")));
        assertThat(click.alertId()).isEqualTo("3f2b8c1e-7a4d-4e0b-9b8e-2c1d0e9f8a7b");
        assertThat(click.verdict()).isEqualTo(Verdict.FALSE_ALARM);
        assertThat(click.userId()).isEqualTo("U0CA5");
        assertThat(click.userName()).isEqualTo("amy.mcgee");
        assertThat(click.channelId()).isEqualTo("C0CA5");
        assertThat(click.messageTs()).isEqualTo("1548261231.000200");
        assertThat(click.at()).isEqualTo(Instant.parse("2019-01-25T14:26:57.840180Z"));
        assertThat(click.responseUrl()).startsWith("https://hooks.slack.com/actions/");
        assertThat(click.reference()).contains("user=U0CA5", "team=T3MDE");
    }

    @Test
    void theAnswerUpdateKeepsTheBlocksAndSaysWhoAnsweredWhat() throws Exception {
        SlackClick click = payloads.parse(form(payload("vigil_feedback_expected", "a1:EXPECTED")));
        var update = new SlackAnswerUpdate(JSON, null, "https://hooks.slack.com/").replacement(click);
        assertThat(update.path("replace_original").asBoolean()).isTrue();
        assertThat(update.path("blocks")).hasSize(3);
        assertThat(update.path("blocks").get(2).path("elements").get(0).path("text").asText())
                .startsWith("<@U0CA5> answered *expected*");
    }

    @Test
    void anythingButAVigilButtonIsABadRequest() {
        assertBad("payload=" + URLEncoder.encode("{\"type\":\"view_submission\"}", StandardCharsets.UTF_8), "block_actions");
        assertBad("text=hello", "no 'payload'");
        assertBad("payload=%7Bnot-json", "not JSON");
        assertBad(new String(form(payload("other_button", "a1:FALSE_ALARM")), StandardCharsets.UTF_8), "no vigil_feedback_");
        assertBad(new String(form(payload("vigil_feedback_x", "a1:MAYBE")), StandardCharsets.UTF_8), "unknown verdict 'MAYBE'");
        assertBad(new String(form(payload("vigil_feedback_x", "no-colon")), StandardCharsets.UTF_8), "<alert id>:<verdict>");
    }

    private void assertBad(String body, String reason) {
        assertThatThrownBy(() -> payloads.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FeedbackRejected.class).hasMessageContaining(reason)
                .satisfies(e -> assertThat(((FeedbackRejected) e).status()).isEqualTo(400));
    }
}
