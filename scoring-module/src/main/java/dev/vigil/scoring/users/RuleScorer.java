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
 * Hard rules, checked on every window from the first (they need no history): the most severe rule that holds
 * decides, and every rule that holds is named with the values that made it hold, e.g.
 * {@code rule failed-login-burst (failed_logins_1m > 50, critical): 120 failed logins in the last 1 min}.
 */
public final class RuleScorer implements UserScorer {

    public static final String NAME = "rules";

    private final List<Rule> rules;

    public RuleScorer(List<Rule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("rules needs at least one rule");
        }
        this.rules = List.copyOf(rules);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsHistory() {
        return false;
    }

    public List<Rule> rules() {
        return rules;
    }

    @Override
    public Optional<Judgement> judge(UserWindow window) {
        Map<String, Double> values = window.vector().features();
        List<Rule> holding = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.when().test(values)) {
                holding.add(rule);
            }
        }
        if (holding.isEmpty()) {
            String first = rules.get(0).when().features().get(0);
            return Optional.of(new Judgement(new Finding(NAME, 0, 1, "no rule holds (" + rules.size() + " checked)"),
                    Judgement.contribution(first, values.getOrDefault(first, 0.0), limitOr(rules.get(0), values), 1)));
        }
        holding.sort(Comparator.comparingDouble((Rule r) -> r.severity().ratio()).reversed());
        List<String> parts = new ArrayList<>();
        for (Rule rule : holding) {
            List<String> facts = rule.when().features().stream().map(f -> UserFeatures.describe(f, values)).toList();
            parts.add("rule " + rule.name() + " (" + rule.when() + ", " + rule.severity().name().toLowerCase(Locale.ROOT)
                    + "): " + String.join("; ", facts));
        }
        Rule lead = holding.get(0);
        String feature = lead.when().features().get(0);
        return Optional.of(new Judgement(new Finding(NAME, lead.severity().ratio(), 1, String.join("; ", parts)),
                Judgement.contribution(feature, values.getOrDefault(feature, 0.0), limitOr(lead, values), 1)));
    }

    /** The number a rule compares its first feature with, or the feature's own value when it has no such form. */
    private static double limitOr(Rule rule, Map<String, Double> values) {
        double limit = rule.when().firstLimit();
        return Double.isNaN(limit) ? values.getOrDefault(rule.when().features().get(0), 0.0) : limit;
    }
}
