package dev.vigil.scoring.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.vigil.contracts.config.ConfigException;
import dev.vigil.features.users.EntityKind;
import dev.vigil.scoring.users.ModelScorer;
import dev.vigil.scoring.users.RiskScorer;
import dev.vigil.scoring.users.RiskTerm;
import dev.vigil.scoring.users.RuleScorer;
import dev.vigil.scoring.users.RuleSeverity;
import dev.vigil.scoring.users.ScoringProblems;
import dev.vigil.scoring.users.SequenceScorer;
import dev.vigil.scoring.users.UserDetector;
import dev.vigil.scoring.users.UserDetectorDefinition;
import dev.vigil.scoring.users.UserScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Detectors of the users stream in the detectors file: the shipped ones, defaults, and every mistake named. */
class UserDetectorConfigTest {

    private final DetectorConfigLoader loader = new DetectorConfigLoader();

    private List<UserDetectorDefinition> load(String yaml) {
        return loader.loadUsers(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "detectors.yaml");
    }

    @Test
    void theShippedUsersDetectorsLoadBesideTheOthersAndBuild() {
        List<UserDetectorDefinition> users = loader.loadDefaultUsers();

        assertThat(loader.loadDefault()).extracting(DetectorDefinition::name)
                .containsExactly("metric-baseline", "log-errors", "log-template-rates", "log-new-errors", "log-session-counts",
                        "log-session-order");
        assertThat(users).extracting(UserDetectorDefinition::name).containsExactly("user-behaviour", "ip-abuse");
        UserDetector behaviour = users.get(0).build(Path.of("models"), ScoringProblems.IGNORE, 3);
        assertThat(behaviour.entity()).isEqualTo(EntityKind.USER);
        assertThat(behaviour.scorers()).extracting(UserScorer::name).containsExactly("rules", "risk", "sequence", "model");
        assertThat(((RiskScorer) behaviour.scorers().get(1)).terms()).isEqualTo(RiskTerm.USER_DEFAULTS);
        assertThat(((ModelScorer) behaviour.scorers().get(3)).slot().file()).isEqualTo(Path.of("models", "user-behaviour.pmml"));
        assertThat(users.get(0).minHistory()).isEqualTo(Duration.ofDays(1));
        assertThat(users.get(0).report()).isEqualTo(UserDetector.Report.ALL);
        UserDetector ips = users.get(1).build(Path.of("models"), ScoringProblems.IGNORE, 3);
        assertThat(ips.entity()).isEqualTo(EntityKind.IP);
        assertThat(users.get(1).report()).isEqualTo(UserDetector.Report.ANOMALIES);
        assertThat(((RuleScorer) ips.scorers().get(0)).rules()).extracting(r -> r.name() + " " + r.severity())
                .containsExactly("failed-login-burst CRITICAL", "password-spraying WARNING");
    }

    @Test
    void riskTermsChangeKeyByKeyAndNewOnesNeedEveryKey() {
        UserDetectorDefinition d = load("""
                detectors:
                  users:
                    stream: users
                    min-history: 6h
                    scorers:
                      risk:
                        threshold: 1.5
                        terms:
                          write-burst: {weight: 0.8}
                          new-addresses: {weight: 0}
                          exports: {feature: events_1h, from: 100, full: 500, weight: 0.3}
                      sequence: {threshold: 6, min-windows: 10}
                """).get(0);
        UserDetector detector = d.build(Path.of("m"), ScoringProblems.IGNORE, 3);
        List<RiskTerm> terms = ((RiskScorer) detector.scorers().get(0)).terms();

        assertThat(d.minHistory()).isEqualTo(Duration.ofHours(6));
        assertThat(terms).extracting(RiskTerm::name).contains("write-burst", "exports").doesNotContain("new-addresses");
        assertThat(terms).filteredOn(t -> t.name().equals("write-burst")).singleElement()
                .isEqualTo(new RiskTerm("write-burst", "writes_vs_median_15m", 3, 20, 0.8));
        assertThat(terms).filteredOn(t -> t.name().equals("exports")).singleElement()
                .isEqualTo(new RiskTerm("exports", "events_1h", 100, 500, 0.3));
        assertThat(detector.scorers().get(1)).isInstanceOf(SequenceScorer.class);
    }

    @Test
    void aRuleIsReadWithItsSeverityAndTheDefaultIsWarning() {
        UserDetectorDefinition d = load("""
                detectors:
                  ips:
                    stream: users
                    entity: ip
                    scorers:
                      rules:
                        - {name: burst, when: "failed_logins_1m > 50", severity: critical}
                        - {name: spray, when: "distinct_users_5m > 20"}
                """).get(0);

        RuleScorer rules = (RuleScorer) d.build(Path.of("m"), ScoringProblems.IGNORE, 3).scorers().get(0);
        assertThat(rules.rules()).extracting(r -> r.severity()).containsExactly(RuleSeverity.CRITICAL, RuleSeverity.WARNING);
        assertThat(rules.rules().get(1).when().features()).containsExactly("distinct_users_5m");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a misspelt feature in a rule | rules: [{name: r, when: "failed_login_1m > 5"}]                 | detectors.u.scorers.rules[0].when: unknown feature 'failed_login_1m' (did you mean 'failed_logins_1m'?) (column 1
            a rule that cannot parse     | rules: [{name: r, when: "failed_logins_1m >> 5"}]              | detectors.u.scorers.rules[0].when: unexpected '>': expected a number, a feature or '(' (column 19
            a rule reading nothing       | rules: [{name: r, when: "1 > 0"}]                             | detectors.u.scorers.rules[0].when: reads no feature
            a rule without a name        | rules: [{when: "failed_logins_1m > 5"}]                       | detectors.u.scorers.rules[0].name: is required
            two rules of one name        | rules: [{name: r, when: "events_1m > 1"}, {name: r, when: "events_1m > 2"}] | detectors.u.scorers.rules[1].name: another rule is named 'r'
            a rule of no severity known  | rules: [{name: r, when: "events_1m > 1", severity: fatal}]    | detectors.u.scorers.rules[0].severity: must be one of [warning, critical], got 'fatal'
            rules that are no list       | rules: {name: r}                                              | detectors.u.scorers.rules: must be a list
            an unknown scorer            | forest: {}                                                    | detectors.u.scorers.forest: unknown key, expected one of [model, risk, rules, sequence]
            a risk term on no feature    | risk: {terms: {spam: {feature: spam_count, from: 1, full: 2, weight: 1}}} | detectors.u.scorers.risk.terms.spam.feature: 'spam_count' is not a feature of user windows
            a new term missing a key     | risk: {terms: {spam: {feature: events_1h, from: 1, weight: 1}}} | detectors.u.scorers.risk.terms.spam.full: is required for a term Vigil does not ship
            a term upside down           | risk: {terms: {write-burst: {from: 30}}}                      | detectors.u.scorers.risk.terms.write-burst.full: must be above from (30.0), got 20.0
            a model file with a path     | model: {file: ../etc/passwd}                                  | detectors.u.scorers.model.file: must be a file name in the models folder
            a model input of no feature  | model: {file: m.pmml, inputs: {logins_1h: login_count_1h}}    | detectors.u.scorers.model.inputs.logins_1h: 'logins_1h' is not a feature of user windows
            a model threshold above 1    | model: {file: m.pmml, threshold: 1.5}                         | detectors.u.scorers.model.threshold: must be between 1.0E-9 and 1.0, got 1.5
            a sequence key misspelt      | sequence: {treshold: 5}                                       | detectors.u.scorers.sequence.treshold: unknown key
            """)
    void aMistakeStopsTheLoadNamingItsKey(String what, String scorers, String message) {
        assertThatThrownBy(() -> load("""
                detectors:
                  u:
                    stream: users
                    scorers: {%s}
                """.formatted(scorers.substring(0, scorers.indexOf(':')) + ": " + scorers.substring(scorers.indexOf(':') + 1))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detectors.yaml: " + message);
    }

    @Test
    void addressWindowsHaveTheirOwnFeaturesAndNoSequence() {
        assertThatThrownBy(() -> load("""
                detectors:
                  ips:
                    stream: users
                    entity: ip
                    scorers: {rules: [{name: r, when: "distinct_countries_24h > 3"}]}
                """)).hasMessageContaining("unknown feature 'distinct_countries_24h'");
        assertThatThrownBy(() -> load("""
                detectors:
                  ips:
                    stream: users
                    entity: ip
                    scorers: {sequence: {}}
                """)).hasMessageContaining("detectors.ips.scorers.sequence: judges a user's actions; ip windows have none");
        assertThatThrownBy(() -> load("""
                detectors:
                  ips:
                    stream: users
                    entity: ip
                    scorers: {risk: {}}
                """)).hasMessageContaining("detectors.ips.scorers.risk: needs its own terms for ip windows");
    }

    @Test
    void keysOfOtherStreamsAndUnknownEntitiesAreRefused() {
        assertThatThrownBy(() -> load("""
                detectors:
                  u:
                    stream: users
                    metrics: ["*"]
                    scorers: {risk: {}}
                """)).hasMessageContaining("detectors.u.metrics: unknown key, expected one of [entity, min-history, report, scorers, stream]");
        assertThatThrownBy(() -> load("""
                detectors:
                  u:
                    stream: users
                    entity: tenant
                    scorers: {risk: {}}
                """)).hasMessageContaining("detectors.u.entity: must be one of [user, ip], got 'tenant'");
        assertThatThrownBy(() -> load("""
                detectors:
                  u:
                    stream: user
                    scorers: {risk: {}}
                """)).hasMessageContaining("detectors.u.stream: must be one of [metrics, logs, log-templates, log-sessions, users], got 'user'");
    }
}
