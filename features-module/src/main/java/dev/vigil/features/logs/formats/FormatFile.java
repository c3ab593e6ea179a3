package dev.vigil.features.logs.formats;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MaskRule;
import dev.vigil.features.logs.Template;
import dev.vigil.ingest.kafka.LogFormat;
import dev.vigil.ingest.kafka.LogRecordParser;

/**
 * Reads one file of log formats: a {@code formats} mapping of names to formats, each the whole recipe of its lines
 * (the layout of the shipped {@code log-formats.yaml}, whose header documents every key). Strict: a wrong type, a
 * value out of range, a key nobody reads, a regex that does not compile, a layout without a message, or an example
 * line that the format does not read is a {@link FormatException} naming the file and the key.
 */
final class FormatFile {

    private static final Set<String> FORMAT_KEYS = Set.of("description", "layout", "regex", "time", "example",
            "templates");
    private static final Set<String> TEMPLATE_KEYS = Set.of("masks", "patterns", "depth", "similarity",
            "distinct-values", "key-values");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock EXAMPLE_CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final String origin;

    private FormatFile(String origin) {
        this.origin = origin;
    }

    /** The formats of a file, in file order. */
    static List<NamedFormat> read(InputStream yaml, String origin) {
        return new FormatFile(origin).read(yaml);
    }

    private List<NamedFormat> read(InputStream yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw error("", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw error("", "cannot read the file: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw error("", "is empty: it needs a 'formats' mapping");
        }
        onlyKeys(root, "", Set.of("formats"));
        JsonNode formats = mapping(root.path("formats"), "formats");
        List<NamedFormat> read = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = formats.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            read.add(format(entry.getKey(), entry.getValue(), "formats." + entry.getKey()));
        }
        if (read.isEmpty()) {
            throw error("formats", "has no format");
        }
        return read;
    }

    private NamedFormat format(String name, JsonNode node, String key) {
        if (!NAME.matcher(name).matches()) {
            throw error(key, "a format's name is letters, digits and . _ -, starting with a letter or digit");
        }
        mapping(node, key);
        onlyKeys(node, key, FORMAT_KEYS);
        String description = string(node, key, "description", "");
        String time = string(node, key, "time", null);
        boolean layout = node.hasNonNull("layout");
        if (layout == node.hasNonNull("regex")) {
            throw error(key, "give either layout (loghub style: <date> <time> <level> <message>) or regex (with a named"
                    + " group 'message')");
        }
        String which = layout ? "layout" : "regex";
        String text = string(node, key, which, null);
        LogFormat line;
        try {
            line = layout ? LogFormat.loghub(name, description, text, time) : LogFormat.of(name, description, text, time);
        } catch (PatternSyntaxException e) {
            throw error(key + "." + which, "not a valid regex: " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw error(key + (e.getMessage().contains("message") ? "." + which : ".time"), e.getMessage());
        }
        String example = string(node, key, "example", null);
        if (example != null) {
            try {
                new LogRecordParser(line, Integer.MAX_VALUE, JSON, EXAMPLE_CLOCK).parse("example", example);
            } catch (InvalidInputException e) {
                throw error(key + ".example", "the format does not read its example: " + e.getMessage());
            }
        }
        return new NamedFormat(line, templates(node.path("templates"), key + ".templates"), origin);
    }

    /** The miner's settings: the generic default with what the format sets. */
    private DrainParameters templates(JsonNode node, String key) {
        DrainParameters parameters = DrainParameters.defaults();
        if (node.isMissingNode() || node.isNull()) {
            return parameters;
        }
        mapping(node, key);
        onlyKeys(node, key, TEMPLATE_KEYS);
        List<MaskRule> masks = new ArrayList<>();
        JsonNode patterns = node.path("patterns");
        if (!patterns.isMissingNode()) {
            mapping(patterns, key + ".patterns");
            for (Iterator<Map.Entry<String, JsonNode>> it = patterns.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String patternKey = key + ".patterns." + entry.getKey();
                masks.add(new MaskRule(entry.getKey(), regex(entry.getValue(), patternKey), Template.WILDCARD));
            }
        }
        JsonNode builtIns = node.path("masks");
        if (builtIns.isMissingNode()) {
            masks.addAll(MaskRule.DEFAULTS);
        } else {
            if (!builtIns.isArray()) {
                throw error(key + ".masks", "must be a list of built-in masks (" + MaskRule.builtInNames()
                        + "), got " + describe(builtIns));
            }
            for (int i = 0; i < builtIns.size(); i++) {
                String mask = text(builtIns.get(i), key + ".masks[" + i + "]");
                try {
                    masks.add(MaskRule.builtIn(mask));
                } catch (IllegalArgumentException e) {
                    throw error(key + ".masks[" + i + "]", e.getMessage());
                }
            }
        }
        parameters = parameters.withMasks(masks);
        if (node.has("depth")) {
            parameters = parameters.withDepth(integer(node.get("depth"), key + ".depth", 3, 20));
        }
        if (node.has("similarity")) {
            parameters = parameters.withSimilarityThreshold(number(node.get("similarity"), key + ".similarity"));
        }
        if (node.has("distinct-values")) {
            parameters = parameters.withDistinctValues(integer(node.get("distinct-values"), key + ".distinct-values", 2,
                    100));
        }
        if (node.has("key-values")) {
            JsonNode keyValues = node.get("key-values");
            if (!keyValues.isBoolean()) {
                throw error(key + ".key-values", "must be true or false, got " + describe(keyValues));
            }
            parameters = parameters.withKeyValues(keyValues.booleanValue());
        }
        return parameters;
    }

    private Pattern regex(JsonNode node, String key) {
        String regex = text(node, key);
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw error(key, "not a valid regex: " + e.getDescription() + " in '" + regex + "'");
        }
    }

    private double number(JsonNode node, String key) {
        if (!node.isNumber()) {
            throw error(key, "must be a number, got " + describe(node));
        }
        double value = node.doubleValue();
        if (!(value > 0 && value <= 1)) {
            throw error(key, "must be more than 0 and at most 1, got " + value);
        }
        return value;
    }

    private int integer(JsonNode node, String key, int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(key, "must be a whole number, got " + describe(node));
        }
        int value = node.intValue();
        if (value < min || value > max) {
            throw error(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private String string(JsonNode node, String key, String field, String fallback) {
        return node.hasNonNull(field) ? text(node.get(field), key + "." + field) : fallback;
    }

    private String text(JsonNode node, String key) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw error(key, "must be a non-empty string, got " + describe(node));
        }
        return node.textValue();
    }

    private JsonNode mapping(JsonNode node, String key) {
        if (!node.isObject()) {
            throw error(key, node.isMissingNode() ? "is required" : "must be a mapping, got " + describe(node));
        }
        return node;
    }

    private void onlyKeys(JsonNode node, String key, Set<String> allowed) {
        mapping(node, key.isEmpty() ? "(the file)" : key);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw error(key.isEmpty() ? field : key + "." + field, "unknown key, expected one of "
                        + new TreeSet<>(allowed));
            }
        }
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string '" + node.textValue() + "'";
        }
        return node.isContainerNode() ? (node.isArray() ? "a list" : "a mapping") : node.toString();
    }

    private FormatException error(String key, String reason) {
        return new FormatException(origin, key, reason);
    }
}
