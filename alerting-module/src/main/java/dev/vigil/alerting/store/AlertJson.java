package dev.vigil.alerting.store;

import java.io.UncheckedIOException;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Explanation;

/**
 * How alerts and their parts are written to the database as JSON and read back: the alert store's explanation and
 * labels columns, the outbox's whole incident. Instants as ISO-8601 text whatever the application's mapper does.
 */
public final class AlertJson {

    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public AlertJson(ObjectMapper json) {
        this.json = json.copy().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public Alert alert(String text) {
        return read(text, Alert.class);
    }

    public Explanation explanation(String text) {
        return read(text, Explanation.class);
    }

    public SortedMap<String, String> labels(String text) {
        try {
            return json.readValue(text, LABELS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored labels are not a JSON object of strings", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored JSON is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
