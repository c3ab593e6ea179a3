package dev.vigil.detection.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;

/**
 * One service's log window as one incident: the scores every log detector gave the window (the service's own
 * features, each template's rate, new error templates, its sessions) joined into one score, so that one burst in one
 * service is one alert that names every template involved instead of one alert per detector and template.
 * <p>
 * The window is anomalous when any member is; its score is the strongest anomalous member's (else the strongest
 * member's). The findings are the anomalous members' anomalous ones, strongest member first, each saying which
 * detector found it and about what; scorer names are kept, so the alert lifecycle's {@code fire-at-once} still sees a
 * novelty or a rule finding. The evidence is the members' evidence in the same order, bounded; the features are the
 * service window's.
 */
final class LogIncident {

    /** The detector name of a service's log incidents. */
    static final String DETECTOR = "logs";
    /** Evidence lines an incident carries at most (each member's first lines are kept first). */
    static final int EVIDENCE = 12;
    /** Evidence lines of each anomalous member before the next member's. */
    private static final int EVIDENCE_PER_MEMBER = 3;

    /**
     * One detector's score of the window.
     *
     * @param about what the score is about beyond the service, for a person: "" for the service's own window,
     *              {@code template 'Connection reset <*>'} for one template's rate
     */
    record Member(String about, Score score) {
    }

    private LogIncident() {
    }

    /** @param members the window's scores, at least one */
    static Score of(FeatureVector window, List<Member> members) {
        List<Member> anomalous = members.stream().filter(m -> m.score().anomalous())
                .sorted(Comparator.comparingDouble((Member m) -> m.score().score()).reversed()).toList();
        if (anomalous.isEmpty()) {
            Member strongest = members.stream().max(Comparator.comparingDouble(m -> m.score().score())).orElseThrow();
            return incident(window, strongest.score().score(), false, relabelled(strongest, strongest.score().explanation()
                    .findings().subList(0, 1)), strongest.score().explanation(), List.of());
        }
        List<Finding> findings = new ArrayList<>();
        for (Member member : anomalous) {
            member.score().explanation().findings().stream().filter(Finding::anomalous)
                    .forEach(f -> findings.add(relabel(member, f)));
        }
        Member lead = anomalous.get(0);
        return incident(window, lead.score().score(), true, findings, lead.score().explanation(), evidence(anomalous));
    }

    private static Score incident(FeatureVector window, double score, boolean anomalous, List<Finding> findings,
            Explanation lead, List<String> evidence) {
        Explanation why = new Explanation(lead.feature(), lead.observed(), lead.expected(), lead.scale(), findings,
                lead.contributions(), evidence);
        return new Score(DETECTOR, window.source(), window.entity(), window.labels(), window.windowEnd(), score,
                Score.THRESHOLD, anomalous, why, window.features(), 1);
    }

    /** Each member's first lines, strongest member first, then the rest of each in the same order, up to the bound. */
    private static List<String> evidence(List<Member> anomalous) {
        List<String> evidence = new ArrayList<>();
        for (int from = 0; evidence.size() < EVIDENCE; from += EVIDENCE_PER_MEMBER) {
            boolean more = false;
            for (Member member : anomalous) {
                List<String> own = member.score().explanation().evidence();
                for (int i = from; i < Math.min(own.size(), from + EVIDENCE_PER_MEMBER) && evidence.size() < EVIDENCE; i++) {
                    evidence.add(own.get(i));
                }
                more |= own.size() > from + EVIDENCE_PER_MEMBER;
            }
            if (!more) {
                break;
            }
        }
        return evidence;
    }

    private static List<Finding> relabelled(Member member, List<Finding> findings) {
        return findings.stream().map(f -> relabel(member, f)).toList();
    }

    /** "log-template-rates, template 'Slow write <*>': count observed 120 vs expected 2 …" */
    private static Finding relabel(Member member, Finding finding) {
        String subject = member.about().isEmpty() ? member.score().detector()
                : member.score().detector() + ", " + member.about();
        return new Finding(finding.scorer(), finding.statistic(), finding.limit(), subject + ": " + finding.description());
    }
}
