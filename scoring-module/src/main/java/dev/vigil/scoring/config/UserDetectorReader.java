package dev.vigil.scoring.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.vigil.contracts.config.ConfigNode;
import dev.vigil.features.users.EntityKind;
import dev.vigil.features.users.UserFeatures;
import dev.vigil.scoring.rules.Expression;
import dev.vigil.scoring.rules.ExpressionException;
import dev.vigil.scoring.users.RiskTerm;
import dev.vigil.scoring.users.Rule;
import dev.vigil.scoring.users.RuleSeverity;
import dev.vigil.scoring.users.UserDetector;
import dev.vigil.scoring.users.UserDetectorDefinition;
import dev.vigil.scoring.users.UserDetectorDefinition.Model;
import dev.vigil.scoring.users.UserDetectorDefinition.Risk;
import dev.vigil.scoring.users.UserDetectorDefinition.Rules;
import dev.vigil.scoring.users.UserDetectorDefinition.ScorerDefinition;
import dev.vigil.scoring.users.UserDetectorDefinition.Sequence;

/**
 * Reads a detector of {@code stream: users} from the detectors file (format in {@code default-detectors.yaml}).
 * Every feature a rule, a risk term or a model mapping names must be a feature of the detector's entity, every rule
 * condition must parse, and a model file must be a plain name in the models folder; the first mistake is reported
 * with its key. Whether a model file fits its mapping is checked when the model loads, because models come and go
 * while Vigil runs.
 */
final class UserDetectorReader {

    private static final Set<String> KEYS = Set.of("stream", "entity", "min-history", "report", "scorers");
    private static final Set<String> SCORERS = Set.of("rules", "risk", "sequence", "model");
    private static final Set<String> RULE_KEYS = Set.of("name", "when", "severity");
    private static final Set<String> RISK_KEYS = Set.of("threshold", "terms");
    private static final Set<String> TERM_KEYS = Set.of("feature", "from", "full", "weight");
    private static final Set<String> SEQUENCE_KEYS = Set.of("threshold", "steps", "alpha", "max-states", "min-windows");
    private static final Duration DEFAULT_MIN_HISTORY = Duration.ofDays(1);

    private UserDetectorReader() {
    }

    static UserDetectorDefinition read(String name, ConfigNode node) {
        node.onlyKeys(KEYS);
        EntityKind entity = DetectorConfigLoader.choice(node, "entity", EntityKind.USER, EntityKind.class);
        Duration minHistory = node.duration("min-history", DEFAULT_MIN_HISTORY);
        UserDetector.Report report = DetectorConfigLoader.choice(node, "report",
                entity == EntityKind.IP ? UserDetector.Report.ANOMALIES : UserDetector.Report.ALL,
                UserDetector.Report.class);
        ConfigNode scorersNode = node.child("scorers");
        if (!scorersNode.present()) {
            throw scorersNode.error("is required: a mapping with one or more of " + SCORERS);
        }
        scorersNode.onlyKeys(SCORERS);
        List<String> features = UserFeatures.names(entity);
        List<ScorerDefinition> scorers = new ArrayList<>();
        scorersNode.entries().forEach((type, scorer) -> scorers.add(switch (type) {
            case "rules" -> rules(scorersNode, features);
            case "risk" -> risk(scorer, entity, features);
            case "sequence" -> sequence(scorer, entity);
            default -> model(scorer, entity, features);
        }));
        if (scorers.isEmpty()) {
            throw scorersNode.error("names no scorer");
        }
        return new UserDetectorDefinition(name, entity, minHistory, report, scorers);
    }

    private static Rules rules(ConfigNode scorers, List<String> features) {
        List<ConfigNode> items = scorers.items("rules");
        if (items.isEmpty()) {
            throw scorers.child("rules").error("is a list of rules, each {name, when, severity}, e.g. "
                    + "[{name: failed-login-burst, when: \"failed_logins_1m > 50\", severity: critical}]");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : items) {
            item.onlyKeys(RULE_KEYS);
            String ruleName = item.requiredString("name");
            if (!ruleName.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw item.child("name").error("a rule name is 1 to 63 lower-case letters, digits and '-', got '"
                        + ruleName + "'");
            }
            if (!names.add(ruleName)) {
                throw item.child("name").error("another rule is named '" + ruleName + "'");
            }
            Expression when;
            try {
                when = Expression.parse(item.requiredString("when"), features);
            } catch (ExpressionException e) {
                throw item.child("when").error(e.getMessage());
            }
            if (when.features().isEmpty()) {
                throw item.child("when").error("reads no feature: '" + when + "' would always or never hold");
            }
            rules.add(new Rule(ruleName, when,
                    DetectorConfigLoader.choice(item, "severity", RuleSeverity.WARNING, RuleSeverity.class)));
        }
        return new Rules(rules);
    }

    /**
     * The shipped terms for users, each of which {@code terms} may change key by key or switch off with
     * {@code weight: 0}; a term of a new name needs all of feature, from, full and weight.
     */
    private static Risk risk(ConfigNode node, EntityKind entity, List<String> features) {
        if (node.isText()) {
            throw node.error("must be a mapping {threshold, terms} (use {} for the defaults), got '" + node.text() + "'");
        }
        if (node.present()) {
            node.onlyKeys(RISK_KEYS);
        }
        Map<String, RiskTerm> terms = new LinkedHashMap<>();
        if (entity == EntityKind.USER) {
            RiskTerm.USER_DEFAULTS.forEach(term -> terms.put(term.name(), term));
        }
        ConfigNode termsNode = node.child("terms");
        if (termsNode.present()) {
            termsNode.entries().forEach((termName, term) -> {
                term.onlyKeys(TERM_KEYS);
                RiskTerm base = terms.get(termName);
                if (base == null) {
                    for (String key : List.of("feature", "from", "full", "weight")) {
                        if (!term.has(key)) {
                            throw term.child(key).error("is required for a term Vigil does not ship (its terms: "
                                    + RiskTerm.USER_DEFAULTS.stream().map(RiskTerm::name).toList() + ")");
                        }
                    }
                }
                String feature = term.string("feature", base == null ? null : base.feature());
                if (!features.contains(feature)) {
                    throw term.child("feature").error(unknownFeature(feature, entity));
                }
                double from = term.number("from", base == null ? 0 : base.from(), -1e12, 1e12);
                double full = term.number("full", base == null ? 0 : base.full(), -1e12, 1e12);
                if (!(full > from)) {
                    throw term.child("full").error("must be above from (" + from + "), got " + full);
                }
                terms.put(termName, new RiskTerm(termName, feature, from, full,
                        term.number("weight", base == null ? 0 : base.weight(), 0, 1e6)));
            });
        }
        List<RiskTerm> used = terms.values().stream().filter(t -> t.weight() > 0).toList();
        if (used.isEmpty()) {
            throw node.error(entity == EntityKind.USER ? "has no term with a weight above 0"
                    : "needs its own terms for " + entity.label() + " windows: Vigil ships terms for users only");
        }
        return new Risk(used, node.number("threshold", 1, 1e-9, 1e9));
    }

    private static Sequence sequence(ConfigNode node, EntityKind entity) {
        if (entity != EntityKind.USER) {
            throw node.error("judges a user's actions; " + entity.label() + " windows have none");
        }
        if (node.isText()) {
            throw node.error("must be a mapping {threshold, steps, alpha, max-states, min-windows} (use {} for the "
                    + "defaults), got '" + node.text() + "'");
        }
        if (node.present()) {
            node.onlyKeys(SEQUENCE_KEYS);
        }
        return new Sequence(node.number("alpha", 0.5, 1e-6, 100), node.integer("max-states", 256, 2, 100_000),
                node.number("threshold", 7, 1e-9, 1000), node.integer("steps", 3, 1, 100),
                node.integer("min-windows", 200, 0, 100_000_000));
    }

    private static Model model(ConfigNode node, EntityKind entity, List<String> features) {
        return ModelBlock.read(node, features, feature -> unknownFeature(feature, entity));
    }

    private static String unknownFeature(String feature, EntityKind entity) {
        boolean user = entity == EntityKind.USER;
        return "'" + feature + "' is not a feature of " + entity.label() + " windows; they have "
                + String.join(", ", user ? UserFeatures.USER_FAMILIES : UserFeatures.ADDRESS_FAMILIES) + " over "
                + (user ? "1m, 5m, 15m, 1h and 24h" : "1m, 5m, 15m and 1h") + " (e.g. failed_logins_1h)"
                + (user ? " and " + String.join(", ", UserFeatures.USER_HABITS) : "");
    }
}
