package dev.vigil.ingest.route;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.IngestEndpoints;

/**
 * A JSON reading made of any JSON item (an element of an API's answer, a message of a topic), by the route's mapping
 * headers: {@value IngestEndpoints#VALUE_HEADER}, {@value IngestEndpoints#METRIC_HEADER}, optional
 * {@value IngestEndpoints#TIME_HEADER} and {@value IngestEndpoints#TAGS_HEADER} ({@code name=field,name=field}).
 * Each field is a JSON path read from the item when it starts with {@code $} ({@code $.temp},
 * {@code $.sensor.id}), else a constant ({@code temperature}). The reading made is then checked like any other
 * (SensorPayloadParser), so a value that is not a number is refused with the same reason; a path the item does not
 * have, or one naming several fields, is refused naming the path and its header.
 */
final class JsonItemReading {

    private final int maxItemBytes;
    private final ObjectMapper json;
    private final Configuration paths;

    JsonItemReading(int maxItemBytes, ObjectMapper json) {
        this.maxItemBytes = maxItemBytes;
        this.json = json;
        // JSON nodes in and out; no options, so a missing leaf is an error ("no such field") rather than a null
        this.paths = Configuration.builder().jsonProvider(new JacksonJsonNodeJsonProvider(json))
                .mappingProvider(new JacksonMappingProvider(json)).build();
    }

    /** Whether the exchange asks for a mapping (it names where the value is), rather than carrying a JSON reading. */
    static boolean wanted(Map<String, Object> headers) {
        return header(headers, IngestEndpoints.VALUE_HEADER) != null;
    }

    /**
     * The reading of {@code item} as the mapping headers say.
     *
     * @throws InvalidInputException when the item is too large or not a JSON object, lacks a field the mapping
     *                               reads, or the mapping itself is malformed
     */
    byte[] reading(String item, Map<String, Object> headers) {
        JsonNode root = parse(item);
        ObjectNode reading = json.createObjectNode();
        reading.set("metric", field(root, IngestEndpoints.METRIC_HEADER, header(headers, IngestEndpoints.METRIC_HEADER)));
        reading.set("value", field(root, IngestEndpoints.VALUE_HEADER, header(headers, IngestEndpoints.VALUE_HEADER)));
        String time = header(headers, IngestEndpoints.TIME_HEADER);
        if (time != null) {
            reading.set("ts", field(root, IngestEndpoints.TIME_HEADER, time));
        }
        String tags = header(headers, IngestEndpoints.TAGS_HEADER);
        if (tags != null) {
            ObjectNode tagNode = reading.putObject("tags");
            tagFields(tags).forEach((name, field) -> tagNode.put(name, tagText(name,
                    field(root, IngestEndpoints.TAGS_HEADER, field))));
        }
        try {
            return json.writeValueAsBytes(reading);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reading of JSON nodes always writes", e);
        }
    }

    private JsonNode parse(String item) {
        int bytes = InputRules.utf8Length(item);
        if (bytes > maxItemBytes) {
            throw new InvalidInputException("item of " + bytes + " bytes exceeds the limit of " + maxItemBytes);
        }
        JsonNode root;
        try {
            root = json.readTree(item);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + InputRules.printable(e.getOriginalMessage(), 200));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("the item must be a JSON object to map fields of");
        }
        return root;
    }

    /** A field of the mapping: a path read from the item, or a constant. */
    private JsonNode field(JsonNode root, String header, String field) {
        if (field == null || field.isBlank()) {
            throw new InvalidInputException("header " + header + " is missing: it names the item's field (a JSON path) or a constant");
        }
        if (!field.startsWith("$")) {
            return json.getNodeFactory().textNode(field);
        }
        JsonPath path;
        try {
            path = JsonPath.compile(field);
        } catch (InvalidPathException e) {
            throw new InvalidInputException(header + " '" + InputRules.printable(field, 80) + "' is not a JSON path: "
                    + e.getMessage());
        }
        if (!path.isDefinite()) {
            throw new InvalidInputException(header + " '" + InputRules.printable(field, 80) + "' must name one field");
        }
        JsonNode found;
        try {
            found = path.read(root, paths);
        } catch (InvalidPathException e) { // PathNotFoundException among them
            found = null;
        }
        if (found == null || found.isNull() || found.isMissingNode()) {
            throw new InvalidInputException("the item has no " + InputRules.printable(field, 80) + " (" + header + ")");
        }
        return found;
    }

    /** {@code site=plant-7, line=$.line} in the order written. */
    private static Map<String, String> tagFields(String tags) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : tags.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(IngestEndpoints.TAGS_HEADER + " '" + InputRules.printable(tags, 120)
                        + "' must be name=field pairs separated by commas");
            }
            fields.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return fields;
    }

    /** A tag is text: an id the API gives as a number or a flag is taken as written, an object or list is not. */
    private static String tagText(String name, JsonNode value) {
        if (!value.isValueNode()) {
            throw new InvalidInputException("tag '" + InputRules.printable(name, 60) + "' must be a text, number or boolean, got "
                    + value.getNodeType().name().toLowerCase());
        }
        return value.asText();
    }

    /** A header's text; a blank one is no header, as a Kamelet's mapping property left at its empty default. */
    private static String header(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
