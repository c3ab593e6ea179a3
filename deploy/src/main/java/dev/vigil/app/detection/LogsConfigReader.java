package dev.vigil.app.detection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** Reads {@code vigil.logs.*} into the log stream's settings, checked: a bad value fails naming its key. */
final class LogsConfigReader {

    private LogsConfigReader() {
    }

    /** @throws IllegalArgumentException naming the key of the first bad value */
    static LogSettings read(LogsConfig config) {
        LogsConfig.Drain drain = config.drain();
        DrainParameters shared = drain("vigil.logs.drain", drain.depth(), drain.similarity(), drain.maxChildren(),
                drain.maxTemplates(), drain.masks(), drain.maskPatterns());
        Map<String, SourceSettings> sources = new HashMap<>();
        config.sources().forEach((name, source) -> {
            String key = "vigil.logs.sources." + name;
            boolean ownDrain = source.depth().isPresent() || source.similarity().isPresent() || source.masks().isPresent()
                    || !source.maskPatterns().isEmpty();
            DrainParameters parameters = !ownDrain ? shared : drain(key, source.depth().orElse(drain.depth()),
                    source.similarity().orElse(drain.similarity()), drain.maxChildren(), drain.maxTemplates(),
                    source.masks().orElse(drain.masks()),
                    source.maskPatterns().isEmpty() ? drain.maskPatterns() : source.maskPatterns());
            sources.put(name, new SourceSettings(parameters,
                    source.sessionId().map(regex -> pattern(key + ".session-id", regex)).orElse(null)));
        });
        LogsConfig.Sessions sessions = config.sessions();
        if (sessions.idleTimeout().isNegative() || sessions.idleTimeout().isZero()) {
            throw new IllegalArgumentException("vigil.logs.sessions.idle-timeout: must be positive, got "
                    + sessions.idleTimeout());
        }
        positive("vigil.logs.sessions.max-open", sessions.maxOpen());
        positive("vigil.logs.sessions.max-events", sessions.maxEvents());
        positive("vigil.logs.max-services", config.maxServices());
        return new LogSettings(sources, new SourceSettings(shared, null),
                new SessionLimits(sessions.idleTimeout(), sessions.maxOpen(), sessions.maxEvents()),
                overrides(config.templates()), config.maxServices(), incidentPerService(config.incidents()));
    }

    private static boolean incidentPerService(String incidents) {
        return switch (incidents) {
            case "service" -> true;
            case "detector" -> false;
            default -> throw new IllegalArgumentException("vigil.logs.incidents: must be service or detector, got "
                    + incidents);
        };
    }

    private static DrainParameters drain(String key, int depth, double similarity, int maxChildren, int maxTemplates,
            List<String> masks, Map<String, String> patterns) {
        List<MaskRule> rules = new ArrayList<>();
        // own masks first, so a source's ids are masked whole before the built-in number mask cuts into them
        new TreeMap<>(patterns).forEach((name, regex) -> rules.add(new MaskRule(name,
                pattern(key + ".mask-patterns." + name, regex), Template.WILDCARD)));
        if (!(masks.size() == 1 && masks.get(0).equals("none"))) {
            for (String mask : masks) {
                try {
                    rules.add(MaskRule.builtIn(mask.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ".masks: " + e.getMessage() + " (or none)");
                }
            }
        }
        try {
            return new DrainParameters(depth, similarity, maxChildren, rules, maxTemplates);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
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
