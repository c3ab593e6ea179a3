package dev.vigil.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;

/**
 * The one way a window's {@link Judgement}s become its {@link Score}: the strongest judgement (by statistic / limit)
 * decides and leads the explanation; every judgement's finding follows, strongest first, each with its details; each
 * one's lead values are the contributions; the evidence is shown only for an anomalous window.
 */
public final class WindowVerdict {

    private WindowVerdict() {
    }

    /**
     * @param judgements     at least one
     * @param windowEvidence facts about the window itself, before the judgements' own (a user's recent countries)
     */
    public static Score of(String detector, FeatureVector window, List<Judgement> judgements,
            List<String> windowEvidence) {
        if (judgements.isEmpty()) {
            throw new IllegalArgumentException("a window's verdict needs at least one judgement");
        }
        List<Judgement> strongestFirst = new ArrayList<>(judgements);
        strongestFirst.sort(Comparator.comparingDouble((Judgement j) -> j.finding().ratio()).reversed());
        Judgement lead = strongestFirst.get(0);
        boolean anomalous = lead.finding().anomalous();
        List<Finding> findings = new ArrayList<>();
        List<Contribution> contributions = new ArrayList<>(strongestFirst.size());
        List<String> evidence = new ArrayList<>(anomalous ? windowEvidence : List.of());
        for (Judgement j : strongestFirst) {
            findings.add(j.finding());
            findings.addAll(j.details());
            contributions.add(j.lead());
            if (anomalous) {
                evidence.addAll(j.evidence());
            }
        }
        Contribution why = lead.lead();
        return new Score(detector, window.source(), window.entity(), window.labels(), window.windowEnd(),
                Score.normalise(lead.finding().ratio()), Score.THRESHOLD, anomalous,
                new Explanation(why.feature(), why.observed(), why.expected(), why.scale(), findings, contributions,
                        evidence),
                window.features(), 1);
    }
}
