package dev.vigil.app.detection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.vigil.detection.logs.LogSettings;
import dev.vigil.detection.logs.LogSettings.SessionLimits;
import dev.vigil.detection.logs.LogSettings.SourceSettings;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MaskRule;
import dev.vigil.features.logs.Template;
import dev.vigil.features.logs.TemplateOverrides;
import dev.vigil.features.logs.formats.FormatCatalogue;
import dev.vigil.ingest.kafka.KafkaLogSources;

/**
 * Reads {@code vigil.logs.*} into the log stream's settings, checked: a bad value fails naming its key. A source's
 * template settings are, in order, the generic default ({@link DrainParameters#defaults()}) with
 * {@code vigil.logs.drain.*} on top, or, for a {@code vigil.kafka.sources} source naming a format, that format's own;
 * then {@code vigil.logs.sources.<source>.*}. {@code vigil.logs.drain.max-children} and {@code max-templates} bound
 * every source.
 */
final class LogsConfigReader {

    private LogsConfigReader() {
    }

    /**
     * @param kafkaSources the Kafka log sources ({@code vigil.kafka.sources}), for the formats they name
     * @param formats      the formats they can name
     * @throws IllegalArgumentException naming the key of the first bad value
     */
    static LogSettings read(LogsConfig config, Map<String, KafkaLogSources.Source> kafkaSources, FormatCatalogue formats) {
        LogsConfig.Drain drain = config.drain();
        DrainParameters bounds = withBounds(DrainParameters.defaults(), drain);
        DrainParameters generic = templates("vigil.logs.drain", drain, bounds);
        Set<String> names = new LinkedHashSet<>(config.sources().keySet());
        kafkaSources.forEach((name, source) -> source.format().ifPresent(f -> names.add(name)));
        Map<String, SourceSettings> sources = new HashMap<>();
        for (String name : names) {
            String key = "vigil.logs.sources." + name;
            DrainParameters base = generic;
            KafkaLogSources.Source kafka = kafkaSources.get(name);
            if (kafka != null && kafka.format().isPresent()) {
                try {
                    base = withBounds(formats.get(kafka.format().get()).templates(), drain);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("vigil.kafka.sources." + name + ".format: " + e.getMessage());
                }
            }
            LogsConfig.Source own = config.sources().get(name);
            sources.put(name, own == null ? new SourceSettings(base, null) : new SourceSettings(templates(key, own, base),
                    own.sessionId().map(regex -> pattern(key + ".session-id", regex)).orElse(null)));
        }
        LogsConfig.Sessions sessions = config.sessions();
        if (sessions.idleTimeout().isNegative() || sessions.idleTimeout().isZero()) {
            throw new IllegalArgumentException("vigil.logs.sessions.idle-timeout: must be positive, got "
                    + sessions.idleTimeout());
        }
        positive("vigil.logs.sessions.max-open", sessions.maxOpen());
        positive("vigil.logs.sessions.max-events", sessions.maxEvents());
        positive("vigil.logs.max-services", config.maxServices());
        return new LogSettings(sources, new SourceSettings(generic, null),
                new SessionLimits(sessions.idleTimeout(), sessions.maxOpen(), sessions.maxEvents()),
                overrides(config.templates()), config.maxServices(), incidentPerService(config.incidents()));
    }

    private static DrainParameters withBounds(DrainParameters parameters, LogsConfig.Drain drain) {
        try {
            return parameters.withMaxChildren(drain.maxChildren()).withMaxTemplates(drain.maxTemplates());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil.logs.drain: " + e.getMessage());
        }
    }

    /**
     * The settings a key sets on top of {@code base}. Masks: the key's own patterns (by name), then {@code base}'s
     * patterns, then the built-in masks the key lists ({@code none} for none) or else {@code base}'s.
     */
    private static DrainParameters templates(String key, LogsConfig.Templates templates, DrainParameters base) {
        List<MaskRule> rules = new ArrayList<>();
        new TreeMap<>(templates.maskPatterns()).forEach((name, regex) -> rules.add(new MaskRule(name,
                pattern(key + ".mask-patterns." + name, regex), Template.WILDCARD)));
        base.masks().stream().filter(m -> !MaskRule.DEFAULTS.contains(m)).forEach(rules::add);
        if (templates.masks().isEmpty()) {
            base.masks().stream().filter(MaskRule.DEFAULTS::contains).forEach(rules::add);
        } else if (!(templates.masks().get().size() == 1 && templates.masks().get().get(0).strip().equals("none"))) {
            for (String mask : templates.masks().get()) {
                try {
                    rules.add(MaskRule.builtIn(mask.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ".masks: " + e.getMessage() + " (or none)");
                }
            }
        }
        try {
            DrainParameters parameters = base.withMasks(rules);
            parameters = templates.depth().map(parameters::withDepth).orElse(parameters);
            parameters = templates.similarity().map(parameters::withSimilarityThreshold).orElse(parameters);
            parameters = templates.distinctValues().map(parameters::withDistinctValues).orElse(parameters);
            return templates.keyValues().map(parameters::withKeyValues).orElse(parameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static boolean incidentPerService(String incidents) {
        return switch (incidents) {
            case "service" -> true;
            case "detector" -> false;
            default -> throw new IllegalArgumentException("vigil.logs.incidents: must be service or detector, got "
                    + incidents);
        };
    }

    private static Pattern pattern(String key, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(key + ": not a valid regex: " + e.getDescription() + " in '" + regex + "'");
        }
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + ": must be at least 1, got " + value);
        }
    }

    private static TemplateOverrides overrides(Map<String, LogsConfig.TemplateSettings> templates) {
        Map<String, String> properties = new HashMap<>();
        templates.forEach((id, settings) -> {
            settings.name().ifPresent(name -> properties.put(id + ".name", name));
            properties.put(id + ".ignore", String.valueOf(settings.ignore()));
        });
        try {
            return TemplateOverrides.fromProperties(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil.logs.templates: " + e.getMessage());
        }
    }
}
