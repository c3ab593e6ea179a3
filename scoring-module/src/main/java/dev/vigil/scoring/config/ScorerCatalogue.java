package dev.vigil.scoring.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.vigil.contracts.config.ConfigNode;
import dev.vigil.scoring.Scorer;

/**
 * Every scorer type a configuration may name, with its parameters, their defaults and their ranges: the one place
 * that knows how a name in {@code detectors.yaml} becomes a {@link Scorer}.
 */
public final class ScorerCatalogue {

    /** A parameter: a number in a range, or one of a few words. */
    record Parameter(String name, Object fallback, double min, double max, List<String> choices) {

        static Parameter number(String name, double fallback, double min, double max) {
            return new Parameter(name, fallback, min, max, List.of());
        }

        static Parameter choice(String name, String fallback, String... choices) {
            return new Parameter(name, fallback, Double.NaN, Double.NaN, List.of(choices));
        }
    }

    record ScorerType(String name, List<Parameter> parameters, Function<ScorerDefinition, Scorer> build) {
    }

    private final Map<String, ScorerType> types = new LinkedHashMap<>();

    public ScorerCatalogue() {
        for (ScorerType type : ScorerTypes.ALL) {
            types.put(type.name(), type);
        }
    }

    /** The scorer types, in documentation order. */
    public List<String> names() {
        return List.copyOf(types.keySet());
    }

    /** Checks a configured scorer and fills in its defaults. */
    ScorerDefinition define(String type, ConfigNode node) {
        ScorerType scorer = types.get(type);
        if (scorer == null) {
            throw node.error("unknown scorer type, expected one of " + names());
        }
        if (node.present()) {
            node.onlyKeys(scorer.parameters().stream().map(Parameter::name).collect(Collectors.toSet()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : scorer.parameters()) {
            if (p.choices().isEmpty()) {
                values.put(p.name(), node.present() ? node.number(p.name(), (Double) p.fallback(), p.min(), p.max()) : p.fallback());
            } else {
                String value = node.present() ? node.string(p.name(), (String) p.fallback()) : (String) p.fallback();
                if (!p.choices().contains(value)) {
                    throw node.child(p.name()).error("must be one of " + p.choices() + ", got '" + value + "'");
                }
                values.put(p.name(), value);
            }
        }
        ScorerDefinition definition = new ScorerDefinition(type, values, node.path());
        try {
            build(definition); // a combination of parameters the scorer itself refuses fails here, at load, too
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        return definition;
    }

    /** Builds the scorer a definition describes. */
    public Scorer build(ScorerDefinition definition) {
        return types.get(definition.type()).build().apply(definition);
    }
}
