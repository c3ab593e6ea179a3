package dev.vigil.features.logs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What configuration says about templates by id: a name to show instead of the id, and which templates to ignore.
 * Read from properties such as
 * <pre>
 * 5f1c0a2e9b7d.name=block-received
 * 0c93e1aa4b02.ignore=true
 * </pre>
 * (the keys under {@code vigil.logs.templates.} with that prefix removed). Immutable.
 */
public record TemplateOverrides(Map<String, String> names, Set<String> ignored) {

    public static final TemplateOverrides NONE = new TemplateOverrides(Map.of(), Set.of());

    public TemplateOverrides {
        names = Map.copyOf(names);
        ignored = Set.copyOf(ignored);
    }

    /**
     * Reads {@code <id>.name} and {@code <id>.ignore} keys.
     *
     * @throws IllegalArgumentException for any other key, an empty name or an ignore value other than true/false
     */
    public static TemplateOverrides fromProperties(Map<String, String> properties) {
        Map<String, String> names = new HashMap<>();
        Set<String> ignored = new HashSet<>();
        properties.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            String id = dot > 0 ? key.substring(0, dot) : "";
            String what = dot > 0 ? key.substring(dot + 1) : key;
            String v = value == null ? "" : value.strip();
            switch (what) {
                case "name" -> {
                    if (id.isEmpty() || v.isEmpty()) {
                        throw new IllegalArgumentException("template override '" + key + "' needs an id and a name");
                    }
                    names.put(id, v);
                }
                case "ignore" -> {
                    switch (v.toLowerCase(Locale.ROOT)) {
                        case "true" -> ignored.add(id);
                        case "false" -> ignored.remove(id);
                        default -> throw new IllegalArgumentException("template override '" + key
                                + "' must be true or false, got '" + value + "'");
                    }
                    if (id.isEmpty()) {
                        throw new IllegalArgumentException("template override '" + key + "' needs an id");
                    }
                }
                default -> throw new IllegalArgumentException("unknown template override '" + key
                        + "': expected <id>.name or <id>.ignore");
            }
        });
        return new TemplateOverrides(names, ignored);
    }

    public TemplateOverrides rename(String id, String name) {
        Map<String, String> copy = new HashMap<>(names);
        copy.put(id, name);
        return new TemplateOverrides(copy, ignored);
    }

    public TemplateOverrides ignore(String id) {
        Set<String> copy = new HashSet<>(ignored);
        copy.add(id);
        return new TemplateOverrides(names, copy);
    }

    Template describe(String id, String text, long count) {
        return new Template(id, text, count, names.getOrDefault(id, id), ignored.contains(id));
    }
}
