package dev.vigil.features.logs;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.features.window.LogLevelAggregate;
import dev.vigil.features.window.WindowAggregate;

/**
 * What one service logged in one window: the level counts of {@link LogLevelAggregate} ({@code events},
 * {@code error_count}, {@code warn_count}), their ratios ({@code error_ratio}, {@code warn_ratio}), the rate of new
 * templates ({@code new_templates}: templates the service logged for the first time in this window), and per template
 * its count ({@code template:<id>}) and how many of those lines were errors ({@code template_errors:<id>}, only where
 * there was one). A template absent from the window has no feature: the reader decides whether absence means zero.
 */
public final class LogWindowAggregate implements WindowAggregate<MinedLine> {

    public static final String ERROR_RATIO = "error_ratio";
    public static final String WARN_RATIO = "warn_ratio";
    public static final String NEW_TEMPLATES = "new_templates";
    /** The one feature of a single template's window (its count there, read from a service window by {@link #count}). */
    public static final String TEMPLATE_COUNT = "count";
    private static final String COUNT_PREFIX = "template:";
    private static final String ERRORS_PREFIX = "template_errors:";

    private final LogLevelAggregate levels = new LogLevelAggregate();
    /** Per template id: lines, error lines. */
    private final Map<String, long[]> templates = new HashMap<>();
    private int newTemplates;

    @Override
    public void add(MinedLine line) {
        levels.add(line.event());
        long[] counts = templates.computeIfAbsent(line.template().id(), k -> new long[2]);
        counts[0]++;
        if (line.event().level().isError()) {
            counts[1]++;
        }
        if (line.newTemplate()) {
            newTemplates++;
        }
    }

    @Override
    public Map<String, Double> features() {
        Map<String, Double> features = new HashMap<>(levels.features());
        double events = features.get(LogLevelAggregate.EVENTS);
        features.put(ERROR_RATIO, features.get(LogLevelAggregate.ERROR_COUNT) / events);
        features.put(WARN_RATIO, features.get(LogLevelAggregate.WARN_COUNT) / events);
        features.put(NEW_TEMPLATES, (double) newTemplates);
        templates.forEach((id, counts) -> {
            features.put(COUNT_PREFIX + id, (double) counts[0]);
            if (counts[1] > 0) {
                features.put(ERRORS_PREFIX + id, (double) counts[1]);
            }
        });
        return features;
    }

    /** The lines of a template in a service window, 0 when it logged none. */
    public static long count(FeatureVector window, String templateId) {
        return window.features().getOrDefault(COUNT_PREFIX + templateId, 0.0).longValue();
    }

    /** The error lines of a template in a service window, 0 when it logged none. */
    public static long errors(FeatureVector window, String templateId) {
        return window.features().getOrDefault(ERRORS_PREFIX + templateId, 0.0).longValue();
    }

    /** The ids of the templates a service window has lines of, sorted. */
    public static Set<String> templates(FeatureVector window) {
        Set<String> ids = new TreeSet<>();
        for (String feature : window.features().keySet()) {
            if (feature.startsWith(COUNT_PREFIX)) {
                ids.add(feature.substring(COUNT_PREFIX.length()));
            }
        }
        return ids;
    }
}
