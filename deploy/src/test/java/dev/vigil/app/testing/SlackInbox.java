package dev.vigil.app.testing;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** What the Slack stub has received, read through WireMock's admin API. */
public final class SlackInbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMock wireMock;

    public SlackInbox(String webhookUrl) {
        URI uri = URI.create(webhookUrl);
        this.wireMock = new WireMock(uri.getHost(), uri.getPort());
    }

    /** Every message posted to the webhook whose fallback text names the entity, oldest first. */
    public List<JsonNode> messagesAbout(String entity) {
        return wireMock.find(postRequestedFor(urlEqualTo(SlackStubResource.HOOK_PATH))).stream()
                .map(request -> {
                    try {
                        return JSON.readTree(request.getBodyAsString());
                    } catch (Exception e) {
                        throw new AssertionError("Slack received a body that is not JSON: " + request.getBodyAsString(), e);
                    }
                })
                .filter(message -> message.path("text").asText().contains(" " + entity + " "))
                .toList();
    }

    public List<JsonNode> firing(String entity) {
        return messagesAbout(entity).stream().filter(m -> m.path("text").asText().startsWith("[FIRING]")).toList();
    }

    public List<JsonNode> resolved(String entity) {
        return messagesAbout(entity).stream().filter(m -> m.path("text").asText().startsWith("[RESOLVED]")).toList();
    }

    /** The id of the alert a message tells, from its context block ({@code … · alert `<id>`}). */
    public static String alertIdOf(JsonNode message) {
        for (JsonNode block : message.path("blocks")) {
            if ("context".equals(block.path("type").asText())) {
                Matcher id = ALERT_ID.matcher(block.path("elements").path(0).path("text").asText());
                if (id.find()) {
                    return id.group(1);
                }
            }
        }
        throw new AssertionError("a Slack message without an alert id: " + message);
    }

    private static final Pattern ALERT_ID = Pattern.compile("alert `([^`]+)`");
}
