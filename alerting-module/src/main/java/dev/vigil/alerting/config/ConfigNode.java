package dev.vigil.alerting.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.scoring.config.ConfigException;

/**
 * A node of the parsed alerting YAML that knows its path, so every error names the key to fix. Strict: wrong types,
 * values out of range and keys nobody reads are errors. The same approach as the detectors file's reader in
 * scoring-module (package-private there), with durations, instants and list items added.
 */
final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");

    private final String origin;
    private final String path;
    private final JsonNode node;

    ConfigNode(String origin, String path, JsonNode node) {
        this.origin = origin;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    ConfigException error(String reason) {
        return new ConfigException(origin, path, reason);
    }

    ConfigNode onlyKeys(Set<String> allowed) {
        if (!node.isObject()) {
            throw error("must be a mapping of keys to values, got " + describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw child(key).error("unknown key, expected one of " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    ConfigNode child(String key) {
        return new ConfigNode(origin, path.isEmpty() ? key : path + "." + key, node.path(key));
    }

    /** The items of a list (absent: none), each knowing its index. */
    List<ConfigNode> items(String key) {
        if (!has(key)) {
            return List.of();
        }
        ConfigNode list = child(key);
        if (!list.node.isArray()) {
            throw list.error("must be a list, got " + describe(list.node));
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < list.node.size(); i++) {
            items.add(new ConfigNode(origin, list.path + "[" + i + "]", list.node.get(i)));
        }
        return items;
    }

    String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (!value.node.isTextual() || value.node.textValue().isBlank()) {
            throw value.error("must be a non-blank string, got " + describe(value.node));
        }
        return value.node.textValue();
    }

    String requiredString(String key) {
        String value = string(key, null);
        if (value == null) {
            throw child(key).error("is required");
        }
        return value;
    }

    double number(String key, double fallback, double min, double max) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (!value.node.isNumber()) {
            throw value.error("must be a number, got " + describe(value.node));
        }
        double number = value.node.doubleValue();
        if (!(number >= min && number <= max)) {
            throw value.error("must be between " + min + " and " + max + ", got " + number);
        }
        return number;
    }

    int integer(String key, int fallback, int min, int max) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (!value.node.isIntegralNumber() || !value.node.canConvertToInt()) {
            throw value.error("must be a whole number, got " + describe(value.node));
        }
        int number = value.node.intValue();
        if (number < min || number > max) {
            throw value.error("must be between " + min + " and " + max + ", got " + number);
        }
        return number;
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (!value.node.isBoolean()) {
            throw value.error("must be true or false, got " + describe(value.node));
        }
        return value.node.booleanValue();
    }

    /** A list of non-blank strings; a single string counts as a list of one. */
    List<String> strings(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (value.node.isTextual()) {
            return List.of(value.node.textValue());
        }
        if (!value.node.isArray()) {
            throw value.error("must be a string or a list of strings, got " + describe(value.node));
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.node.size(); i++) {
            JsonNode item = value.node.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw new ConfigException(origin, value.path + "[" + i + "]", "must be a non-blank string, got " + describe(item));
            }
            strings.add(item.textValue());
        }
        return List.copyOf(strings);
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 7d} or ISO-8601 ({@code PT5M}). */
    Duration duration(String key, Duration fallback) {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative()) {
                throw child(key).error("must not be negative, got '" + text + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw child(key).error("must be a duration like 30s, 5m, 4h, 7d, got '" + text + "'");
        }
    }

    Instant instant(String key) {
        String text = requiredString(key);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw child(key).error("must be an ISO-8601 instant like 2026-01-10T22:00:00Z, got '" + text + "'");
        }
    }

    private static String describe(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        String kind = node.isObject() ? "a mapping" : node.isArray() ? "a list" : node.isTextual() ? "the string"
                : node.isNumber() ? "the number" : node.isBoolean() ? "the boolean" : node.getNodeType().name();
        return node.isValueNode() ? kind + " '" + node.asText() + "'" : kind;
    }
}
