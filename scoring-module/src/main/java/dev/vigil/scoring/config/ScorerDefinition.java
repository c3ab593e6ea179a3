package dev.vigil.scoring.config;

import java.util.Map;

/**
 * A scorer as configured: its type and its parameters, already checked against the {@link ScorerCatalogue}, with
 * every default filled in.
 *
 * @param path where it was configured, for messages
 */
public record ScorerDefinition(String type, Map<String, Object> parameters, String path) {

    public ScorerDefinition {
        parameters = Map.copyOf(parameters);
    }

    public double number(String name) {
        return ((Number) parameters.get(name)).doubleValue();
    }

    public String text(String name) {
        return (String) parameters.get(name);
    }
}
