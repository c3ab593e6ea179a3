package dev.vigil.app.sparkplug;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.detection.quiet.QuietWatch;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.sparkplug.EdgeStatus;
import dev.vigil.scoring.users.RuleScorer;

/**
 * Sparkplug deaths as scores of the {@value QuietWatch#DETECTOR} detector, the one a series that stops sending raises,
 * so a dead edge node or device is a "went quiet" alert handled like any other (routing, inhibition, silences,
 * the console), with its entity {@code group/node[/device]} and labels {@code group}, {@code node}, {@code device}:
 * <ul>
 * <li>a death certificate (NDEATH, DDEATH) is an anomalous score at once. It is certain, not a statistic: its finding
 * is a hard rule's ({@value RuleScorer#NAME}), which the alerting file fires without N-of-M confirmation
 * ({@code fire-at-once}, which holds {@code rules} unless changed);</li>
 * <li>while the node or device stays dead, every {@link #stillDead check} scores it anomalous again, as the quiet watch
 * does a silent series: with {@code fire-at-once} changed it is then confirmed like any quiet series, and a firing
 * alert is never resolved for want of scores ({@code resolve-when-quiet});</li>
 * <li>its next birth certificate (NBIRTH, DBIRTH) gives the normal scores the lifecycle needs to resolve the alert
 * (the recovery windows), at once: the node said it is back.</li>
 * </ul>
 * A node's death stands for its devices (Sparkplug: they are offline with it): it raises one alert, the node's. Births of
 * nodes or devices that were not dead score nothing. Thread-safe.
 */
public final class EdgeDeaths {

    /** The feature the explanations name: 1 while dead, 0 once born again. */
    static final String FEATURE = "offline";

    private final int recoveryWindows;
    private final Map<String, EdgeStatus> dead = new LinkedHashMap<>();

    /** @param recoveryWindows the normal scores in a row the alert lifecycle needs to resolve */
    public EdgeDeaths(int recoveryWindows) {
        this.recoveryWindows = recoveryWindows;
    }

    /** The scores of these deaths and births, in order. */
    public synchronized List<Score> onStatus(List<EdgeStatus> statuses) {
        List<Score> scores = new ArrayList<>();
        for (EdgeStatus status : statuses) {
            if (!status.online()) {
                dead.put(status.entity(), status);
                scores.add(died(status, status.at()));
            } else if (dead.remove(status.entity()) != null) {
                for (int i = 0; i < recoveryWindows; i++) {
                    scores.add(score(status, status.at(), false, new Finding(RuleScorer.NAME, 0, 1,
                            status.entity() + " was born again (" + status.detail() + ")")));
                }
            }
        }
        return scores;
    }

    /** One anomalous score for each node and device dead now. */
    public synchronized List<Score> stillDead(Instant now) {
        List<Score> scores = new ArrayList<>(dead.size());
        for (EdgeStatus death : dead.values()) {
            scores.add(died(death, now));
        }
        return scores;
    }

    private static Score died(EdgeStatus death, Instant at) {
        return score(death, at, true, new Finding(RuleScorer.NAME, 1, 1, death.entity() + " published its death "
                + "certificate (" + death.detail() + ") at " + death.at() + " and was not born again"));
    }

    private static Score score(EdgeStatus status, Instant at, boolean anomalous, Finding finding) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put("group", status.group());
        labels.put("node", status.node());
        if (status.device() != null) {
            labels.put("device", status.device());
        }
        return new Score(QuietWatch.DETECTOR, Sources.SPARKPLUG, status.entity(), labels, at,
                anomalous ? Score.normalise(finding.ratio()) : 0, Score.THRESHOLD, anomalous,
                new Explanation(FEATURE, finding.statistic(), 0, 1, List.of(finding)));
    }
}
