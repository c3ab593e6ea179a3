package dev.vigil.scoring.sessions;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.Judgement;
import dev.vigil.scoring.WindowVerdict;

/**
 * One score per service window for a session detector: the verdicts on the sessions that closed since the service's
 * previous window, summed up, so session alerts follow the same window rhythm (and N-of-M confirmation) as every
 * other log alert rather than one fingerprint per session. The window is anomalous when any of its sessions is; the
 * worst session leads (score, first finding, evidence) and the next few are named after it.
 */
public final class SessionScores {

    /** The feature a session score reports: how many sessions of the window were out of pattern. */
    public static final String FEATURE = "anomalous_sessions";
    /** Sessions named in the findings, after the summary. */
    static final int NAMED = 3;
    /** Evidence lines in all. */
    static final int EVIDENCE = 8;

    private SessionScores() {
    }

    /**
     * @param window the service's window just closed: source, service, labels and end time of the score
     * @param tally  what the detector's model said of the sessions closed since the previous window (maybe none)
     */
    public static Score window(String detector, FeatureVector window, VerdictTally tally) {
        List<SessionVerdict> worstFirst = tally.worstFirst();
        List<SessionVerdict> anomalous = worstFirst.stream().filter(SessionVerdict::anomalous).toList();
        SessionVerdict lead = worstFirst.isEmpty() ? null : worstFirst.get(0);
        double statistic = lead == null ? 0 : lead.finding().statistic();
        double limit = lead == null ? 1 : lead.finding().limit();
        String kind = lead == null ? detector : lead.finding().scorer();
        String summary = anomalous.isEmpty()
                ? tally.judged() + " session(s) closed in this window, none out of pattern"
                : tally.anomalous() + " of " + tally.judged() + " session(s) closed in this window out of pattern; worst "
                        + lead.finding().description();
        List<Finding> named = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (SessionVerdict v : anomalous) {
            if (named.size() < NAMED) {
                named.add(v.finding());
            }
            // the worst session's evidence in full, then the first line of each next one
            for (String line : v == lead ? v.evidence() : v.evidence().subList(0, Math.min(1, v.evidence().size()))) {
                if (evidence.size() < EVIDENCE) {
                    evidence.add("session " + v.session().id() + ": " + line);
                }
            }
        }
        double count = tally.anomalous();
        Judgement judgement = new Judgement(new Finding(kind, statistic, limit, summary),
                new Contribution(FEATURE, count, 0, 1, count), named, evidence);
        return WindowVerdict.of(detector, window, List.of(judgement), List.of());
    }
}
