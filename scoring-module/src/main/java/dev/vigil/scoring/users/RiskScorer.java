package dev.vigil.scoring.users;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.vigil.contracts.Finding;
import dev.vigil.features.users.UserFeatures;
import dev.vigil.features.users.UserWindow;
import dev.vigil.scoring.Judgement;

/**
 * A user's risk as the sum of hand-weighted terms ({@link RiskTerm}), each saying in words what it saw, against a
 * limit: {@code risk 1.60 (limit 1.00): 100% of actions in the last 1 h at hours this user is rarely active
 * (03:00–04:00: usually 0% of its actions) +0.40; writes 40x the user's median in the last 15 min (1.0 per active
 * minute usually) +0.40; ...}. The terms are read against the user's own habits, so it waits for the detector's
 * minimum history.
 */
public final class RiskScorer implements UserScorer {

    public static final String NAME = "risk";

    private final List<RiskTerm> terms;
    private final double limit;

    public RiskScorer(List<RiskTerm> terms, double limit) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("risk needs at least one term");
        }
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("risk needs a positive limit, got " + limit);
        }
        this.terms = List.copyOf(terms);
        this.limit = limit;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsHistory() {
        return true;
    }

    public List<RiskTerm> terms() {
        return terms;
    }

    @Override
    public Optional<Judgement> judge(UserWindow window) {
        Map<String, Double> values = window.vector().features();
        record Part(RiskTerm term, double value, double points) {
        }
        List<Part> parts = new ArrayList<>();
        double risk = 0;
        for (RiskTerm term : terms) {
            double value = values.getOrDefault(term.feature(), 0.0);
            double points = term.weight() * term.signal(value);
            risk += points;
            if (points > 0) {
                parts.add(new Part(term, value, points));
            }
        }
        parts.sort(Comparator.comparingDouble(Part::points).reversed());
        StringBuilder description = new StringBuilder(String.format(Locale.ROOT, "risk %.2f (limit %.2f): ", risk, limit));
        if (parts.isEmpty()) {
            description.append("nothing unusual");
        }
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            description.append(i == 0 ? "" : "; ").append(UserFeatures.describe(p.term().feature(), values))
                    .append(String.format(Locale.ROOT, " +%.2f", p.points()));
        }
        RiskTerm leadTerm = parts.isEmpty() ? terms.get(0) : parts.get(0).term();
        double leadValue = values.getOrDefault(leadTerm.feature(), 0.0);
        return Optional.of(new Judgement(new Finding(NAME, risk, limit, description.toString()),
                Judgement.contribution(leadTerm.feature(), leadValue, leadTerm.from(), leadTerm.full() - leadTerm.from())));
    }
}
