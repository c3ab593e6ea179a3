package dev.vigil.scoring.users;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.vigil.contracts.Score;
import dev.vigil.features.users.EntityKind;
import dev.vigil.features.users.UserFeatures;
import dev.vigil.features.users.UserWindow;
import dev.vigil.scoring.rules.Expression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UserDetectorTest {

    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path models;

    private final List<String> problems = new ArrayList<>();
    private final ScoringProblems report = (detector, scorer, entity, message) ->
            problems.add(detector + "/" + scorer + "/" + entity + ": " + message);

    private static Rule rule(String name, String when, RuleSeverity severity, EntityKind kind) {
        return new Rule(name, Expression.parse(when, UserFeatures.names(kind)), severity);
    }

    private static UserDetector detector(EntityKind kind, UserDetector.Report report, UserScorer... scorers) {
        return new UserDetector("users-test", kind, DAY, List.of(scorers), report, 3);
    }

    @Test
    void aHardRuleJudgesFromTheFirstWindowAndACriticalOneScoresThreeTimesItsLimit() {
        UserDetector detector = detector(EntityKind.IP, UserDetector.Report.ALL, new RuleScorer(List.of(
                rule("password-spraying", "distinct_users_5m > 20 and failed_login_ratio_5m >= 0.5", RuleSeverity.WARNING,
                        EntityKind.IP),
                rule("failed-login-burst", "failed_logins_1m > 50", RuleSeverity.CRITICAL, EntityKind.IP))));

        Score score = detector.evaluate(UserWindows.ip("203.0.113.66", Map.of("failed_logins_1m", 120.0,
                "distinct_users_5m", 64.0, "failed_login_ratio_5m", 1.0))).orElseThrow();

        assertThat(score.anomalous()).isTrue();
        assertThat(score.score()).isEqualTo(0.75);
        assertThat(score.entity()).isEqualTo("ip:203.0.113.66");
        assertThat(score.labels()).containsEntry("ip", "203.0.113.66");
        assertThat(score.explanation().summary()).isEqualTo(
                "rule failed-login-burst (failed_logins_1m > 50, critical): 120 failed logins in the last 1 min; "
                        + "rule password-spraying (distinct_users_5m > 20 and failed_login_ratio_5m >= 0.5, warning): "
                        + "64 users tried from this address in the last 5 min; 100% of logins in the last 5 min failed");
        assertThat(score.explanation().feature()).isEqualTo("failed_logins_1m");
        assertThat(score.explanation().observed()).isEqualTo(120);
        assertThat(score.explanation().expected()).isEqualTo(50);

        Score quiet = detector.evaluate(UserWindows.ip("198.51.100.1", Map.of("failed_logins_1m", 2.0))).orElseThrow();
        assertThat(quiet.anomalous()).isFalse();
        assertThat(quiet.explanation().summary()).isEqualTo("no rule holds (2 checked)");
        assertThat(detector.evaluate(UserWindows.user("alice", 100, Map.of()))).as("not its kind of entity").isEmpty();
    }

    @Test
    void riskWaitsForTheMinimumHistoryThenSumsItsTermsInWords() {
        UserDetector detector = detector(EntityKind.USER, UserDetector.Report.ALL,
                new RiskScorer(RiskTerm.USER_DEFAULTS, 1));
        Map<String, Double> takeover = new HashMap<>(Map.of("off_hours_ratio_1h", 1.0, "active_hour", 3.0,
                "usual_share_active_hour", 0.0, "writes_vs_median_15m", 40.0, "median_writes_per_min", 1.0,
                "new_countries_24h", 1.0, "distinct_countries_24h", 2.0, "known_countries", 1.0));

        assertThat(detector.evaluate(UserWindows.user("carol", 5, takeover))).as("seen for 5 h only").isEmpty();
        Score score = detector.evaluate(UserWindows.user("carol", 48, takeover)).orElseThrow();

        assertThat(score.anomalous()).isTrue();
        assertThat(score.explanation().findings().get(0).statistic()).isCloseTo(1.1, within(1e-9));
        assertThat(score.explanation().summary()).isEqualTo("risk 1.10 (limit 1.00): "
                + "100% of actions in the last 1 h at hours this user is rarely active (03:00–04:00: usually 0% of its "
                + "actions) +0.40; writes 40x the user's median in the last 15 min (1.0 per active minute usually) "
                + "+0.40; 1 country new for this user in the last 24 h (it knew 1) +0.30");
        assertThat(score.explanation().feature()).isEqualTo("off_hours_ratio_1h");

        Score oneSignal = detector.evaluate(UserWindows.user("dave", 48, Map.of("off_hours_ratio_1h", 1.0)))
                .orElseThrow();
        assertThat(oneSignal.anomalous()).as("no single term reaches the limit").isFalse();
        assertThat(detector.evaluate(UserWindows.user("erin", 48, Map.of())).orElseThrow().explanation().summary())
                .isEqualTo("risk 0.00 (limit 1.00): nothing unusual");
    }

    @Test
    void theSequenceModelLearnsNormalWindowsOnlyAndFlagsAnImprobableSequence() {
        SequenceScorer sequence = new SequenceScorer(0.5, 64, 7, 3, 50);
        UserDetector detector = detector(EntityKind.USER, UserDetector.Report.ALL, sequence);
        for (int i = 0; i < 60; i++) {
            detector.evaluate(UserWindows.user("u" + i % 5, 48, Map.of(), "login", "read", "read", "search", "read",
                    i % 10 == 0 ? "update" : "read", "logout"));
        }
        assertThat(sequence.windowsLearned()).isEqualTo(60);

        Score usual = detector.evaluate(UserWindows.user("u1", 48, Map.of(), "login", "read", "search", "read"))
                .orElseThrow();
        Score takeover = detector.evaluate(UserWindows.user("u2", 48, Map.of(), "login", "change-password", "delete",
                "delete", "delete", "export")).orElseThrow();

        assertThat(usual.anomalous()).isFalse();
        assertThat(takeover.anomalous()).isTrue();
        assertThat(takeover.explanation().summary()).startsWith("improbable actions: change-password → delete (p 0.0012, "
                + "never seen after change-password), delete → delete ×2 (p 0.0012, never seen after delete), "
                + "delete → export (p 0.0012, never seen after delete): 9.7 bits per step on the 3 rarest (sequence, "
                + "limit 7.0");
        assertThat(takeover.explanation().evidence())
                .containsExactly("actions in this window: login, change-password, delete ×3, export");
        assertThat(sequence.windowsLearned()).as("the anomalous window was not learned").isEqualTo(61);
    }

    @Test
    void theModelScoresAgainstItsOwnBoundaryAndNamesNameVersionAndChecksum() throws IOException {
        UserDetector detector = detector(EntityKind.USER, UserDetector.Report.ALL, modelScorer(Double.NaN));

        Score normal = detector.evaluate(UserWindows.user("frank", 48, normalUser())).orElseThrow();
        Map<String, Double> takeover = normalUser();
        takeover.putAll(Map.of("distinct_countries_24h", 4.0, "distinct_ips_24h", 9.0, "night_activity_ratio_24h", 0.9));
        Score anomalous = detector.evaluate(UserWindows.user("frank", 48, takeover)).orElseThrow();

        assertThat(normal.anomalous()).isFalse();
        assertThat(anomalous.anomalous()).isTrue();
        assertThat(anomalous.explanation().summary()).matches("isolation forest user-behaviour\\.pmml \\(version "
                + "unversioned, sha256 [0-9a-f]{64}\\): anomaly score 0\\.[0-9]{3}, limit 0\\.569 \\(the model's own "
                + "boundary\\)");
        assertThat(anomalous.explanation().evidence()).singleElement().asString()
                .startsWith("model user-behaviour.pmml inputs: ").contains("login_count_1h=3.000")
                .contains("distinct_countries_24h=4.000").contains("night_activity_ratio=0.9000");
        assertThat(problems).isEmpty();
    }

    @Test
    void aMissingOrNanModelInputIsReportedWithEntityAndFieldAndTheOtherScorersStillJudge() throws IOException {
        UserDetector detector = detector(EntityKind.USER, UserDetector.Report.ALL, modelScorer(Double.NaN),
                new RuleScorer(List.of(rule("password-guessing", "failed_logins_5m > 20", RuleSeverity.CRITICAL,
                        EntityKind.USER))));
        Map<String, Double> nan = normalUser();
        nan.put("write_ops_ratio_1h", Double.NaN);
        UserWindow missing = UserWindows.user("gina", 48, normalUser());
        Map<String, Double> withoutOne = new HashMap<>(missing.vector().features());
        withoutOne.remove("distinct_ips_24h");
        UserWindow lacking = new UserWindow(new dev.vigil.contracts.FeatureVector("users", "user:gina",
                missing.vector().labels(), missing.vector().windowStart(), missing.vector().windowEnd(), withoutOne),
                EntityKind.USER, missing.actions(), List.of());

        Optional<Score> afterNan = detector.evaluate(UserWindows.user("gina", 48, nan));
        Optional<Score> afterMissing = detector.evaluate(lacking);

        assertThat(problems).containsExactly(
                "users-test/model/user:gina: Cannot score user:gina with user-behaviour.pmml: feature "
                        + "'write_ops_ratio_1h' (model input 'write_ops_ratio') is NaN, not a finite number",
                "users-test/model/user:gina: Cannot score user:gina with user-behaviour.pmml: feature "
                        + "'distinct_ips_24h' is missing");
        assertThat(afterNan).get().extracting(s -> s.explanation().findings().get(0).scorer()).isEqualTo("rules");
        assertThat(afterMissing).get().extracting(Score::anomalous).isEqualTo(false);
    }

    @Test
    void withoutAModelFileTheModelScorerWaitsAndTheDetectorScoresWithTheOthers() {
        UserDetectorDefinition.Model model = new UserDetectorDefinition.Model("absent.pmml", Map.of(), Double.NaN,
                Set.copyOf(UserFeatures.names(EntityKind.USER)));
        ModelScorer scorer = (ModelScorer) model.build("users-test", models, report);
        assertThat(scorer.slot().load()).get().extracting(c -> c.reason()).asString().startsWith("no file ");
        UserDetector detector = detector(EntityKind.USER, UserDetector.Report.ALL, scorer,
                new RiskScorer(RiskTerm.USER_DEFAULTS, 1));

        Score score = detector.evaluate(UserWindows.user("hank", 48, normalUser())).orElseThrow();

        assertThat(score.explanation().findings()).extracting(f -> f.scorer()).containsExactly("risk");
    }

    @Test
    void anAnomaliesOnlyDetectorReportsNormalWindowsOnlyUntilTheAlertCanResolve() {
        UserDetector detector = detector(EntityKind.IP, UserDetector.Report.ANOMALIES, new RuleScorer(List.of(
                rule("failed-login-burst", "failed_logins_1m > 50", RuleSeverity.CRITICAL, EntityKind.IP))));
        UserWindow calm = UserWindows.ip("192.0.2.7", Map.of("failed_logins_1m", 1.0));
        UserWindow burst = UserWindows.ip("192.0.2.7", Map.of("failed_logins_1m", 90.0));

        assertThat(detector.evaluate(calm)).isEmpty();
        assertThat(detector.evaluate(burst)).get().extracting(Score::anomalous).isEqualTo(true);
        assertThat(List.of(detector.evaluate(calm), detector.evaluate(calm), detector.evaluate(calm),
                detector.evaluate(calm))).extracting(Optional::isPresent).containsExactly(true, true, true, false);
    }

    @Test
    void theSequenceModelsStateIsSavedAndRestoredAndRefusedForAnotherConfiguration() throws IOException {
        SequenceScorer original = new SequenceScorer(0.5, 64, 7, 3, 0);
        UserDetector detector = detector(EntityKind.USER, UserDetector.Report.ALL, original);
        for (int i = 0; i < 20; i++) {
            detector.evaluate(UserWindows.user("u", 48, Map.of(), "login", "read", "logout"));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        detector.writeState(new DataOutputStream(bytes));
        SequenceScorer copy = new SequenceScorer(0.5, 64, 7, 3, 0);
        UserDetector restored = detector(EntityKind.USER, UserDetector.Report.ALL, copy);

        restored.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        UserWindow probe = UserWindows.user("u", 48, Map.of(), "login", "delete");
        assertThat(restored.evaluate(probe)).isEqualTo(detector.evaluate(probe));
        assertThat(copy.windowsLearned()).isEqualTo(original.windowsLearned());
        UserDetector other = detector(EntityKind.USER, UserDetector.Report.ALL, new SequenceScorer(1, 64, 7, 3, 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.readState(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(dev.vigil.features.state.SnapshotMismatchException.class);
    }

    /** Features of an ordinary user, as the reference model saw them in training, under Vigil's names. */
    private static Map<String, Double> normalUser() {
        return new HashMap<>(Map.of("login_count_1h", 3.0, "failed_login_ratio_1h", 0.03, "distinct_ips_24h", 1.0,
                "distinct_countries_24h", 1.0, "write_ops_ratio_1h", 0.2, "requests_per_min_1h", 20.0,
                "distinct_endpoints_1h", 12.0, "night_activity_ratio_24h", 0.05));
    }

    /** The reference Isolation Forest as the shipped detector maps it, from a models folder. */
    private ModelScorer modelScorer(double threshold) throws IOException {
        try {
            Files.copy(Path.of(getClass().getResource("/pmml/iforest_userbehaviour.pmml").toURI()),
                    models.resolve("user-behaviour.pmml"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        UserDetectorDefinition.Model model = new UserDetectorDefinition.Model("user-behaviour.pmml",
                Map.of("write_ops_ratio_1h", "write_ops_ratio", "requests_per_min_1h", "requests_per_min",
                        "distinct_endpoints_1h", "distinct_endpoints", "night_activity_ratio_24h", "night_activity_ratio"),
                threshold, Set.copyOf(UserFeatures.names(EntityKind.USER)));
        ModelScorer scorer = (ModelScorer) model.build("users-test", models, report);
        assertThat(scorer.slot().load()).get().extracting(ModelSlotOutcome::of).isEqualTo("LOADED");
        return scorer;
    }

    private static final class ModelSlotOutcome {
        static String of(dev.vigil.scoring.pmml.ModelSlot.Change change) {
            return change.outcome().name();
        }
    }
}
