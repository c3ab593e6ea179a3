package dev.vigil.scoring.config;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A node of the parsed YAML tree that knows where it is, so every error names the key a person has to fix. Reading
 * is strict: wrong types, values out of range and keys nobody reads are errors, never silently ignored.
 */
final class ConfigNode {

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

    /** Whether the key was written at all (a YAML {@code ~} or empty value counts as not written). */
    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    ConfigException error(String reason) {
        return new ConfigException(origin, path, reason);
    }

    /** Fails on any key not in {@code allowed}, naming it and the keys that are. */
    ConfigNode onlyKeys(Set<String> allowed) {
        requireObject();
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

    /** The entries of a mapping, in file order. */
    Map<String, ConfigNode> entries() {
        requireObject();
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(key -> entries.put(key, child(key)));
        return entries;
    }

    String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (!value.node.isTextual()) {
            throw value.error("must be a string, got " + describe(value.node));
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

    /** A list of strings; a single string counts as a list of one. */
    List<String> strings(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (value.node.isTextual()) {
            return List.of(value.node.textValue());
        }
        if (!value.node.isArray() || value.node.isEmpty()) {
            throw value.error("must be a string or a non-empty list of strings, got " + describe(value.node));
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

    boolean isText() {
        return node.isTextual();
    }

    String text() {
        return node.textValue();
    }

    private void requireObject() {
        if (!node.isObject()) {
            throw error("must be a mapping of keys to values, got " + describe(node));
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
