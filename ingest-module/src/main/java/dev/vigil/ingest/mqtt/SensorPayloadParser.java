package dev.vigil.ingest.mqtt;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.Timestamps;
import dev.vigil.ingest.Utf8;

/**
 * Turns an MQTT sensor message into an {@link Observation}.
 * <p>
 * The topic levels below the subscription's prefix are read as {@code <site>/<device>/<metric>} and become
 * the tags {@code site} and {@code device} and the metric name. Two payloads are accepted:
 * <ul>
 * <li>JSON {@code {"metric":"temperature","value":21.5,"ts":"2026-11-22T10:00:00Z","tags":{"site":"plant-1"}}};
 * {@code metric} may be left out when the topic names it, {@code ts} defaults to the time of receipt, and tags in
 * the payload win over tags from the topic. Unknown fields are rejected, so a typo does not silently drop data.</li>
 * <li>a plain number, on a topic that names site, device and metric; the time of receipt is its timestamp.</li>
 * </ul>
 * Either is UTF-8: a payload that is not is invalid ({@link Utf8}).
 */
public final class SensorPayloadParser {

    private static final Set<String> JSON_FIELDS = Set.of("metric", "value", "ts", "timestamp", "tags");
    private static final List<String> TOPIC_LEVELS = List.of("site", "device", "metric");

    private final String topicPrefix;
    private final int maxPayloadBytes;
    private final ObjectReader json;
    private final Clock clock;

    /**
     * @param topicFilter the subscription, e.g. {@code vigil/sensors/#}; its levels before the first wildcard are
     *                    the prefix that topic-derived tags are read after
     */
    public SensorPayloadParser(String topicFilter, int maxPayloadBytes, ObjectMapper json, Clock clock) {
        this.topicPrefix = prefixOf(topicFilter);
        this.maxPayloadBytes = maxPayloadBytes;
        this.json = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.clock = clock;
    }

    public Observation parse(String topic, byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new InvalidInputException("empty payload");
        }
        if (payload.length > maxPayloadBytes) {
            throw new InvalidInputException("payload of " + payload.length + " bytes exceeds the limit of "
                    + maxPayloadBytes);
        }
        Map<String, String> topicParts = topicParts(topic);
        String text = Utf8.decode("the payload", payload).strip();
        return text.startsWith("{") ? fromJson(text, topicParts) : fromPlainNumber(text, topicParts);
    }

    private Observation fromJson(String text, Map<String, String> topicParts) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + InputRules.printable(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            throw new InvalidInputException("unreadable payload: " + e.getMessage());
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!JSON_FIELDS.contains(name)) {
                throw new InvalidInputException("unknown field '" + InputRules.printable(name, 60)
                        + "' (expected metric, value, ts, tags)");
            }
        }
        JsonNode value = root.get("value");
        if (value == null || value.isNull()) {
            throw new InvalidInputException("field 'value' is missing");
        }
        if (!value.isNumber()) {
            throw new InvalidInputException("field 'value' must be a number, got " + value.getNodeType().name().toLowerCase());
        }
        String metric = root.hasNonNull("metric") ? textField(root, "metric") : topicParts.get("metric");
        if (metric == null) {
            throw new InvalidInputException("field 'metric' is missing and the topic does not name one");
        }
        Map<String, String> tags = new LinkedHashMap<>(topicParts);
        tags.remove("metric");
        JsonNode tagNode = root.get("tags");
        if (tagNode != null && !tagNode.isNull()) {
            if (!tagNode.isObject()) {
                throw new InvalidInputException("field 'tags' must be an object of strings");
            }
            tagNode.fields().forEachRemaining(tag -> {
                if (!tag.getValue().isTextual()) {
                    throw new InvalidInputException("tag '" + InputRules.printable(tag.getKey(), 60) + "' must be a string");
                }
                tags.put(tag.getKey(), tag.getValue().asText());
            });
        }
        return Observation.of(Sources.MQTT, metric, tags, timestamp(root), value.asDouble());
    }

    private Instant timestamp(JsonNode root) {
        String field = root.hasNonNull("ts") ? "ts" : "timestamp";
        JsonNode ts = root.get(field);
        return ts == null || ts.isNull() ? clock.instant() : Timestamps.fromJson(field, ts);
    }

    private Observation fromPlainNumber(String text, Map<String, String> topicParts) {
        String metric = topicParts.get("metric");
        if (metric == null) {
            throw new InvalidInputException("a plain-number payload needs a topic of the form "
                    + topicPrefix + "<site>/<device>/<metric>");
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("payload is neither JSON nor a number: '" + InputRules.printable(text, 40) + "'");
        }
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("value must be a finite number, got " + InputRules.printable(text, 40));
        }
        Map<String, String> tags = new LinkedHashMap<>(topicParts);
        tags.remove("metric");
        return Observation.of(Sources.MQTT, metric, tags, clock.instant(), value);
    }

    private static String textField(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (!node.isTextual()) {
            throw new InvalidInputException("field '" + field + "' must be a string");
        }
        return node.asText();
    }

    private Map<String, String> topicParts(String topic) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (topic == null || !topic.startsWith(topicPrefix)) {
            return parts;
        }
        String[] levels = topic.substring(topicPrefix.length()).split("/");
        for (int i = 0; i < levels.length && i < TOPIC_LEVELS.size(); i++) {
            if (!levels[i].isEmpty()) {
                parts.put(TOPIC_LEVELS.get(i), levels[i]);
            }
        }
        return parts;
    }

    static String prefixOf(String topicFilter) {
        int wildcard = topicFilter.length();
        for (String w : new String[] { "#", "+" }) {
            int at = topicFilter.indexOf(w);
            if (at >= 0) {
                wildcard = Math.min(wildcard, at);
            }
        }
        String prefix = topicFilter.substring(0, wildcard);
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }
}
