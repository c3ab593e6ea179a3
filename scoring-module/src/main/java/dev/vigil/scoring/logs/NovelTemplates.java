package dev.vigil.scoring.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.Judgement;
import dev.vigil.scoring.WindowVerdict;
import dev.vigil.scoring.config.ModelDefinition;

/**
 * The score of the novelty model for one service window: anomalous as soon as the window has error lines of a
 * template the service never logged before its {@link ModelDefinition.Novelty#period() novelty period}; no history
 * of the template is needed, its being new is the finding. The statistic is the number of such error lines (limit 1),
 * so one line is an alert candidate and a flood of them ranks higher.
 */
public final class NovelTemplates {

    /** The feature a novelty score reports. */
    public static final String FEATURE = "novel_error_lines";
    /** Example lines shown per new template. */
    static final int EXAMPLES = 2;

    /**
     * A template new to its service that logged errors in the window.
     *
     * @param label      how a sentence names it ({@code 'Exception in receiveBlock for block <*>'})
     * @param firstSeen  event time of its first line
     * @param errorLines its error lines in the window
     * @param examples   a few of its recent lines, oldest first
     */
    public record NovelTemplate(String id, String label, Instant firstSeen, long errorLines, List<String> examples) {

        public NovelTemplate {
            examples = List.copyOf(examples);
        }
    }

    private NovelTemplates() {
    }

    public static Score score(String detector, FeatureVector window, List<NovelTemplate> novel) {
        List<NovelTemplate> mostFirst = new ArrayList<>(novel);
        mostFirst.sort(Comparator.comparingLong(NovelTemplate::errorLines).reversed());
        long lines = mostFirst.stream().mapToLong(NovelTemplate::errorLines).sum();
        Finding summary;
        List<Finding> details = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        if (mostFirst.isEmpty()) {
            summary = new Finding(ModelDefinition.Novelty.KIND, 0, 1, "no new template logged errors in this window");
        } else {
            NovelTemplate lead = mostFirst.get(0);
            summary = new Finding(ModelDefinition.Novelty.KIND, lines, 1, mostFirst.size() + " new template(s) at ERROR"
                    + " level, " + lines + " error line(s) in this window; " + describe(lead));
            for (NovelTemplate t : mostFirst) {
                if (mostFirst.size() > 1) {
                    details.add(new Finding(ModelDefinition.Novelty.KIND, t.errorLines(), 1, describe(t)));
                }
                evidence.add("new template " + t.id() + " " + t.label() + ", first seen " + t.firstSeen());
                t.examples().stream().skip(Math.max(0, t.examples().size() - EXAMPLES))
                        .forEach(line -> evidence.add("e.g. " + line));
            }
        }
        Judgement judgement = new Judgement(summary, new Contribution(FEATURE, lines, 0, 1, lines), details, evidence);
        return WindowVerdict.of(detector, window, List.of(judgement), List.of());
    }

    private static String describe(NovelTemplate t) {
        return t.label() + " first seen " + t.firstSeen() + ", never before: " + t.errorLines()
                + " error line(s) in this window";
    }
}
