package dev.vigil.alerting.notify.slack;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.template.NotificationTemplate;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;

/**
 * Builds the JSON body Slack documents for incoming webhooks and {@code chat.postMessage}: a {@code text} fallback
 * (shown in notifications; template {@code slack-text.txt}) and Block Kit {@code blocks} (header, explanation
 * (template {@code slack-summary.txt}), observed vs expected, the other anomalous
 * findings and the evidence when the explanation has some, context). Text is escaped and cut to Block Kit's limits, so an entity name or a log line
 * can never break the message.
 */
public final class SlackMessage {

    /** Block Kit limits: header text 150 characters, section text 3000, a section field 2000. */
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;
    private static final int FIELD_MAX = 2000;
    /** Lines of a list shown (findings, evidence): the most telling, each cut short; the other receivers have all. */
    private static final int LIST_LINES = 5;
    private static final int LIST_LINE_MAX = 300;

    private final ObjectMapper json;
    private final NotificationTemplates templates;

    public SlackMessage(ObjectMapper json, NotificationTemplates templates) {
        this.json = json;
        this.templates = templates;
    }

    public ObjectNode of(Alert alert) {
        ObjectNode message = json.createObjectNode();
        message.put("text", templates.render(NotificationTemplate.SLACK_TEXT, alert));
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header(alert));
        blocks.add(section(templates.render(NotificationTemplate.SLACK_SUMMARY, alert)));
        blocks.add(facts(alert));
        List<Finding> findings = alert.explanation().findings().stream().filter(Finding::anomalous).toList();
        if (alert.status() == AlertStatus.FIRING && findings.size() > 1) {
            blocks.add(list("Findings", findings.stream().skip(1).map(Finding::description).toList()));
        }
        if (alert.status() == AlertStatus.FIRING && !alert.explanation().evidence().isEmpty()) {
            blocks.add(list("Evidence", alert.explanation().evidence()));
        }
        blocks.add(context(alert));
        return message;
    }

    /**
     * The same message with an actions block for chat.postMessage / chat.update: buttons Confirm, False alarm and
     * Expected whose {@code action_id}s are {@link #ACTION_IDS} and whose {@code value} is
     * {@code <alert id>:<verdict>} (verdict named as in the feedback module: TRUE_INCIDENT, FALSE_ALARM, EXPECTED),
     * for the feedback endpoint that receives Slack's interaction payloads. (Incoming webhooks cannot carry
     * interactive buttons to an app, so {@link #of} has none.)
     */
    public ObjectNode interactive(Alert alert) {
        ObjectNode message = of(alert);
        ObjectNode actions = json.createObjectNode().put("type", "actions").put("block_id", ACTIONS_BLOCK_ID);
        ArrayNode elements = actions.putArray("elements");
        elements.add(button("Confirm", ACTION_IDS[0], alert.id() + ":TRUE_INCIDENT").put("style", "primary"));
        elements.add(button("False alarm", ACTION_IDS[1], alert.id() + ":FALSE_ALARM"));
        elements.add(button("Expected", ACTION_IDS[2], alert.id() + ":EXPECTED"));
        ((ArrayNode) message.get("blocks")).add(actions);
        return message;
    }

    /** The {@code block_id} of the feedback buttons. */
    public static final String ACTIONS_BLOCK_ID = "vigil_feedback";
    /** The buttons' {@code action_id}s: confirm (true incident), false alarm, expected. */
    public static final String[] ACTION_IDS = {"vigil_feedback_true_incident", "vigil_feedback_false_alarm",
            "vigil_feedback_expected"};

    private ObjectNode button(String label, String actionId, String value) {
        ObjectNode button = json.createObjectNode().put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", label).put("emoji", false);
        button.put("action_id", actionId);
        button.put("value", value);
        return button;
    }

    private ObjectNode header(Alert alert) {
        String icon = alert.status() == AlertStatus.RESOLVED ? "✅ RESOLVED"
                : alert.severity() == Severity.CRITICAL ? "\uD83D\uDD34 CRITICAL" : "\uD83D\uDFE0 WARNING";
        ObjectNode block = json.createObjectNode().put("type", "header");
        block.putObject("text").put("type", "plain_text").put("text", cut(icon + " · " + alert.entity(), HEADER_MAX))
                .put("emoji", true);
        return block;
    }

    private ObjectNode section(String mrkdwn) {
        ObjectNode block = json.createObjectNode().put("type", "section");
        block.set("text", mrkdwn(cut(mrkdwn, SECTION_MAX)));
        return block;
    }

    private ObjectNode facts(Alert alert) {
        Explanation why = alert.explanation();
        ObjectNode block = json.createObjectNode().put("type", "section");
        ArrayNode fields = block.putArray("fields");
        fields.add(field("Source", alert.source()));
        fields.add(field("Detector", alert.detector()));
        fields.add(field("Observed " + why.feature(), String.format(Locale.ROOT, "%.4g", why.observed())));
        fields.add(field("Expected", String.format(Locale.ROOT, "%.4g ± %.2g", why.expected(), why.scale())));
        return block;
    }

    /**
     * A section: the title in bold and the first lines as a list, each in code style so a log line reads as one: the
     * other anomalous findings (an incident's other detectors and templates), the evidence.
     */
    private ObjectNode list(String title, List<String> lines) {
        StringBuilder text = new StringBuilder("*").append(title).append('*');
        for (String line : lines.subList(0, Math.min(LIST_LINES, lines.size()))) {
            // a backtick would end the code span early
            text.append("\n• `").append(escape(cut(line.replace('`', '\''), LIST_LINE_MAX)).replaceAll("[\\r\\n]+", " "))
                    .append('`');
        }
        if (lines.size() > LIST_LINES) {
            text.append("\n_… and ").append(lines.size() - LIST_LINES).append(" more_");
        }
        return section(text.toString());
    }

    private ObjectNode context(Alert alert) {
        Instant shown = alert.status() == AlertStatus.RESOLVED ? alert.endsAt() : alert.startsAt();
        String when = String.format("<!date^%d^%s {date_short_pretty} {time}|%s>", shown.getEpochSecond(),
                alert.status() == AlertStatus.RESOLVED ? "Resolved" : "Started", shown);
        ObjectNode block = json.createObjectNode().put("type", "context");
        block.putArray("elements").add(mrkdwn(when + " · alert `" + alert.id() + "`"));
        return block;
    }

    private ObjectNode field(String title, String value) {
        return mrkdwn(cut("*" + escape(title) + "*\n" + escape(value), FIELD_MAX));
    }

    private ObjectNode mrkdwn(String text) {
        return json.createObjectNode().put("type", "mrkdwn").put("text", text);
    }

    /** Slack asks for exactly these three to be escaped in message text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Cuts to {@code max} chars without splitting a surrogate pair (an emoji in an entity name, say). */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }
}
