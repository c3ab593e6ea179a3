package dev.vigil.app.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Slack's Web API for one workspace with one channel, kept as Slack keeps it, answering as Slack documents:
 * <ul>
 * <li>{@code chat.postMessage} (JSON: {@code channel} ID or {@code #name}, {@code text}, {@code blocks},
 * {@code metadata} {@code {event_type, event_payload}}): the message joins the channel;
 * {@code {"ok":true,"channel","ts","message"}};</li>
 * <li>{@code chat.update} (JSON: {@code channel} ID, {@code ts}, {@code text}, {@code blocks}, {@code metadata}):
 * {@code {"ok":true,"channel","ts","text","message"}}, or {@code message_not_found};</li>
 * <li>{@code conversations.history} (query string: {@code channel} ID, {@code oldest}, {@code latest},
 * {@code inclusive}, {@code limit} default 100 at most 999, {@code cursor}, {@code include_all_metadata}): the
 * messages newest first, their {@code metadata} only when {@code include_all_metadata=true};
 * {@code {"ok":true,"messages","has_more","pin_count","response_metadata":{"next_cursor"}}}.</li>
 * </ul>
 * Every method wants {@code Authorization: Bearer} {@link #TOKEN} ({@code not_authed}, {@code invalid_auth}) and a
 * channel it knows ({@code channel_not_found}). A stub mapping with the transformer parameter {@link #REPLY} =
 * {@link #LOST} does what was asked and then drops the connection instead of answering: a reply lost on its way.
 */
public final class SlackWebApiStub implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "slack-web-api";
    public static final String TOKEN = "xoxb-0vigil-test-token";
    public static final String CHANNEL_ID = "C0VIGILALERTS";
    public static final String CHANNEL_NAME = "alerts";
    public static final String REPLY = "reply";
    public static final String LOST = "lost";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The channel's messages, oldest first. */
    private final List<ObjectNode> channel = new ArrayList<>();
    private long lastTsMicros;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*$", "");
        ObjectNode answer;
        try {
            answer = answer(path.substring(path.lastIndexOf('/') + 1), request);
        } catch (Exception e) {
            answer = error("invalid_arguments");
        }
        if (LOST.equals(event.getTransformerParameters().getString(REPLY, ""))) {
            return responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(answer.toString()).build();
    }

    private ObjectNode answer(String method, LoggedRequest request) throws Exception {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return error("not_authed");
        }
        if (!authorization.equals("Bearer " + TOKEN)) {
            return error("invalid_auth");
        }
        return switch (method) {
            case "chat.postMessage" -> post(JSON.readTree(request.getBodyAsString()));
            case "chat.update" -> update(JSON.readTree(request.getBodyAsString()));
            case "conversations.history" -> history(request);
            default -> error("unknown_method");
        };
    }

    private ObjectNode post(JsonNode args) {
        String target = args.path("channel").asText();
        if (!target.equals(CHANNEL_ID) && !target.equals("#" + CHANNEL_NAME) && !target.equals(CHANNEL_NAME)) {
            return error("channel_not_found");
        }
        if (args.path("text").asText().isEmpty() && !args.has("blocks")) {
            return error("no_text");
        }
        ObjectNode message = JSON.createObjectNode().put("type", "message").put("user", "U0VIGILBOT")
                .put("bot_id", "B0VIGILBOT").put("app_id", "A0VIGILAPP").put("text", args.path("text").asText())
                .put("ts", nextTs()).put("team", "T0VIGIL01");
        copy(args, message, "blocks", "metadata");
        channel.add(message);
        ObjectNode ok = ok().put("channel", CHANNEL_ID).put("ts", message.path("ts").asText());
        ok.set("message", shown(message, false));
        return ok;
    }

    private ObjectNode update(JsonNode args) {
        if (!args.path("channel").asText().equals(CHANNEL_ID)) {
            return error("channel_not_found");
        }
        String ts = args.path("ts").asText();
        ObjectNode message = channel.stream().filter(m -> m.path("ts").asText().equals(ts)).findFirst().orElse(null);
        if (message == null) {
            return error("message_not_found");
        }
        if (args.has("text")) {
            message.put("text", args.path("text").asText());
        }
        copy(args, message, "blocks", "metadata");
        message.putObject("edited").put("user", "U0VIGILBOT").put("ts", nextTs());
        ObjectNode ok = ok().put("channel", CHANNEL_ID).put("ts", ts).put("text", message.path("text").asText());
        ok.set("message", shown(message, false));
        return ok;
    }

    private ObjectNode history(LoggedRequest request) {
        if (!query(request, "channel", "").equals(CHANNEL_ID)) {
            return error("channel_not_found");
        }
        BigDecimal oldest = new BigDecimal(query(request, "oldest", "0"));
        boolean inclusive = Boolean.parseBoolean(query(request, "inclusive", "false"));
        String cursor = query(request, "cursor", "");
        BigDecimal latest = new BigDecimal(cursor.isEmpty() ? query(request, "latest", ts(Instant.now().plusSeconds(1)))
                : new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8).replace("next_ts:", ""));
        boolean latestInclusive = inclusive || !cursor.isEmpty();
        int limit = Math.min(999, Integer.parseInt(query(request, "limit", "100")));
        boolean withMetadata = Boolean.parseBoolean(query(request, "include_all_metadata", "false"));
        List<ObjectNode> inRange = new ArrayList<>();
        for (int i = channel.size() - 1; i >= 0; i--) {
            BigDecimal ts = new BigDecimal(channel.get(i).path("ts").asText());
            boolean afterOldest = inclusive ? ts.compareTo(oldest) >= 0 : ts.compareTo(oldest) > 0;
            boolean beforeLatest = latestInclusive ? ts.compareTo(latest) <= 0 : ts.compareTo(latest) < 0;
            if (afterOldest && beforeLatest) {
                inRange.add(channel.get(i));
            }
        }
        ObjectNode ok = ok();
        ArrayNode messages = ok.putArray("messages");
        inRange.stream().limit(limit).forEach(m -> messages.add(shown(m, withMetadata)));
        boolean more = inRange.size() > limit;
        ok.put("has_more", more).put("pin_count", 0);
        ok.putObject("response_metadata").put("next_cursor", more ? Base64.getEncoder().encodeToString(
                ("next_ts:" + inRange.get(limit).path("ts").asText()).getBytes(StandardCharsets.UTF_8)) : "");
        return ok;
    }

    /** A message as Slack shows it: metadata only to who asked for it. */
    private static ObjectNode shown(ObjectNode message, boolean withMetadata) {
        ObjectNode shown = message.deepCopy();
        if (!withMetadata) {
            shown.remove("metadata");
        }
        return shown;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field)) {
                to.set(field, from.get(field).deepCopy());
            }
        }
    }

    private static String query(LoggedRequest request, String name, String fallback) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : fallback;
    }

    /** Slack's message timestamps: seconds and microseconds, unique within a channel. */
    private String nextTs() {
        Instant now = Instant.now();
        lastTsMicros = Math.max(lastTsMicros + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
        return String.format("%d.%06d", lastTsMicros / 1_000_000, lastTsMicros % 1_000_000);
    }

    private static String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1_000);
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    private static ObjectNode error(String error) {
        return JSON.createObjectNode().put("ok", false).put("error", error);
    }

    /** The transformer parameters of a stub mapping whose call is done but whose reply is lost. */
    public static Map<String, Object> replyLost() {
        return Map.of(REPLY, LOST);
    }
}
