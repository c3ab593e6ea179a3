package dev.vigil.scoring.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Numbers;
import dev.vigil.features.logs.LogWindowAggregate;
import dev.vigil.features.logs.ServiceTemplates;

/**
 * What a log alert shows besides its numbers: the template and a few of its lines for a template's rate, the
 * templates that made up a service window for the service's own features (the error ones first when the feature
 * counts errors), so a person sees which lines an alert is about without opening the logs.
 */
public final class LogEvidence {

    /** Templates named for a service window. */
    static final int TEMPLATES = 3;

    private LogEvidence() {
    }

    /** For one template's count in a window: what it is, its count against its baseline, its latest lines. */
    public static List<String> template(ServiceTemplates templates, String templateId, Explanation why) {
        List<String> evidence = new ArrayList<>();
        evidence.add("template " + templateId + " " + templates.label(templateId) + ": " + amount(why.observed())
                + " line(s) in this window, usually " + amount(why.expected()) + " ± " + Numbers.significant(why.scale(), 3));
        templates.examples(templateId).forEach(line -> evidence.add("e.g. " + line));
        return evidence;
    }

    /** A count as a whole number; a median between two counts with its half. */
    private static String amount(double count) {
        return count == Math.rint(count) ? Long.toString((long) count) : Numbers.significant(count, 3);
    }

    /**
     * For a service window: its templates, most lines first (most error lines first when {@code errors}), each with
     * its count and one recent line.
     */
    public static List<String> window(ServiceTemplates templates, FeatureVector window, boolean errors) {
        List<String> ids = new ArrayList<>(LogWindowAggregate.templates(window));
        Comparator<String> order = Comparator.comparingLong(id -> LogWindowAggregate.count(window, id));
        if (errors) {
            ids.removeIf(id -> LogWindowAggregate.errors(window, id) == 0);
            order = Comparator.comparingLong(id -> LogWindowAggregate.errors(window, id));
        }
        ids.sort(order.reversed());
        List<String> evidence = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(TEMPLATES, ids.size()))) {
            long errorLines = LogWindowAggregate.errors(window, id);
            evidence.add(LogWindowAggregate.count(window, id) + "× " + templates.label(id)
                    + (errorLines > 0 ? " (" + errorLines + " errors)" : "") + " [template " + id + "]");
            List<ServiceTemplates.Example> examples = templates.examples(id);
            if (!examples.isEmpty()) {
                evidence.add("e.g. " + examples.get(examples.size() - 1));
            }
        }
        return evidence;
    }
}
