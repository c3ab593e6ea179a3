package dev.vigil.contracts.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A node of the parsed YAML tree that knows where it is, so every error names the key a person has to fix. Reading
 * is strict: wrong types, values out of range and keys nobody reads are errors, never silently ignored. Shared by
 * the detectors file and the alerting file, so both read and complain alike.
 */
public final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");

    private final String origin;
    private final String path;
    private final JsonNode node;

    /**
     * Parses a YAML configuration into its root node.
     *
     * @param origin    what the messages call it (the file name)
     * @param whenEmpty what an empty file is told it needs, e.g. {@code "a 'detectors' mapping"}
     */
    public static ConfigNode parse(InputStream yaml, String origin, String whenEmpty) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException(origin, "", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException(origin, "", "cannot read the file: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(origin, "", "is empty: it needs " + whenEmpty);
        }
        return new ConfigNode(origin, "", tree);
    }

    /** {@link #parse} of a file, with a message naming it when it cannot be read. */
    public static ConfigNode parse(Path file, String whenEmpty) {
        if (!Files.isReadable(file)) {
            throw new ConfigException(file.toString(), "", "cannot read the file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), whenEmpty);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot read the file: " + e.getMessage());
        }
    }

    /** {@link #parse} of a file shipped on the class path beside {@code owner}. */
    public static ConfigNode parseResource(Class<?> owner, String resource, String whenEmpty) {
        String origin = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in " + resource + " is missing from the class path");
            }
            return parse(in, origin, whenEmpty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ConfigNode(String origin, String path, JsonNode node) {
        this.origin = origin;
        this.path = path;
        this.node = node;
    }

    public String path() {
        return path;
    }

    /** Whether the key was written at all (a YAML {@code ~} or empty value counts as not written). */
    public boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public ConfigException error(String reason) {
        return new ConfigException(origin, path, reason);
    }

    /** Fails on any key not in {@code allowed}, naming it and the keys that are. */
    public ConfigNode onlyKeys(Set<String> allowed) {
        requireObject();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw child(key).error("unknown key, expected one of " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    public ConfigNode child(String key) {
        return new ConfigNode(origin, path.isEmpty() ? key : path + "." + key, node.path(key));
    }

    /** The entries of a mapping, in file order. */
    public Map<String, ConfigNode> entries() {
        requireObject();
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(key -> entries.put(key, child(key)));
        return entries;
    }

    /** The items of a list (absent: none), each knowing its index. */
    public List<ConfigNode> items(String key) {
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
    public String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (!value.node.isTextual()) {
            throw value.error("must be a string, got " + describe(value.node));
        }
        return value.node.textValue();
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null) {
            throw child(key).error("is required");
        }
        return value;
    }

    public double number(String key, double fallback, double min, double max) {
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

    public int integer(String key, int fallback, int min, int max) {
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

    /** A list of non-blank strings; a single string counts as a list of one. */
    public List<String> strings(String key, List<String> fallback) {
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

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        ConfigNode value = child(key);
        if (!value.node.isBoolean()) {
            throw value.error("must be true or false, got " + describe(value.node));
        }
        return value.node.booleanValue();
    }
    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 7d} or ISO-8601 ({@code PT5M}). */
    public Duration duration(String key, Duration fallback) {
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
    public Instant instant(String key) {
        String text = requiredString(key);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw child(key).error("must be an ISO-8601 instant like 2026-01-10T22:00:00Z, got '" + text + "'");
        }
    }
    public boolean isText() {
        return node.isTextual();
    }

    public String text() {
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
