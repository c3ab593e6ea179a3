package dev.vigil.alerting.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pending, firing, resolved; the cooldown; flap detection; severity upgrades. Event time: one window a minute. */
class LifecycleStagesTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
    private static final String FP = Fingerprint.of("spike", "mqtt", "pump", new TreeMap<>());

    private static Score score(int minute, double score) {
        Explanation why = new Explanation("mean", 10 * score, 1, 1,
                List.of(new Finding("z", score / (1 - score) * 3, 3, "mean observed " + score)));
        return new Score("spike", "mqtt", "pump", new TreeMap<>(), T0.plusSeconds(60L * minute), score, 0.5, score >= 0.5, why);
    }

    /** Feeds one score per minute from minute {@code first}; 'A' anomalous (0.6), 'C' critical (0.9), '.' normal. */
    private static List<Alert> feed(AlertLifecycle lc, int first, String windows) {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < windows.length(); i++) {
            double s = switch (windows.charAt(i)) {
                case 'A' -> 0.6;
                case 'C' -> 0.9;
                default -> 0.1;
            };
            lc.onScore(score(first + i, s)).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void pendingUntilNOfTheLastMThenFiringThenResolvedAfterTheRecoveryWindows() {
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(2, 3, 2));
        assertThat(lc.state(FP)).isEqualTo(AlertState.INACTIVE);
        assertThat(lc.onScore(score(0, 0.6))).isEmpty();
        assertThat(lc.state(FP)).isEqualTo(AlertState.PENDING);
        assertThat(lc.onScore(score(1, 0.6))).get().extracting(Alert::status).isEqualTo(AlertStatus.FIRING);
        assertThat(lc.state(FP)).isEqualTo(AlertState.FIRING);
        assertThat(lc.onScore(score(2, 0.1))).isEmpty();
        assertThat(lc.state(FP)).as("one normal window is not the recovery window").isEqualTo(AlertState.FIRING);
        assertThat(lc.onScore(score(3, 0.1))).get().extracting(Alert::status).isEqualTo(AlertStatus.RESOLVED);
        assertThat(lc.state(FP)).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void aCooldownKeepsTheFingerprintPendingUntilTheMinimumGapSinceItsResolve() {
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(1, 1, 1),
                new LifecyclePolicy(Duration.ofMinutes(10), 0, Duration.ofHours(1)), SeverityRanking.SCORE_ONLY);
        List<Alert> out = feed(lc, 0, "A.AAAAAAAAAAAA");
        // fires at 0, resolves at 1, may fire again from 11
        assertThat(out).extracting(Alert::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
        assertThat(out.get(2).startsAt()).isAfterOrEqualTo(T0.plusSeconds(60 * 2));
        assertThat(lc.state(FP)).isEqualTo(AlertState.FIRING);
    }

    @Test
    void flappingGivesOneNoticeThenQuietUntilItSettles() {
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(1, 1, 1),
                new LifecyclePolicy(Duration.ZERO, 3, Duration.ofMinutes(30)), SeverityRanking.SCORE_ONLY);
        List<Alert> out = feed(lc, 0, "A.A.A.A.A.A.A.");
        assertThat(out).extracting(Alert::status, a -> a.labels().containsKey(AlertLifecycle.FLAPPING_LABEL))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, false),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.RESOLVED, false),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, false),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, true));
        assertThat(out.get(3).summary()).contains("flapping");
        assertThat(out.get(3).id()).isEqualTo(out.get(2).id());
        assertThat(lc.flapping(FP)).isTrue();

        List<Alert> settling = feed(lc, 14, ".".repeat(29));
        assertThat(settling).as("quiet while the last change is within the period").isEmpty();
        List<Alert> settled = feed(lc, 43, ".");
        assertThat(settled).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.id()).isEqualTo(out.get(3).id());
        });
        assertThat(lc.flapping(FP)).isFalse();
    }

    @Test
    void anUpgradeIsNotifiedAgainUnderTheSameIdAndADowngradeIsNot() {
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(1, 1, 1));
        List<Alert> out = feed(lc, 0, "ACAC.");
        assertThat(out).extracting(Alert::status, Alert::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, Severity.CRITICAL),
                org.assertj.core.groups.Tuple.tuple(AlertStatus.RESOLVED, Severity.CRITICAL));
        assertThat(out).extracting(Alert::id).containsOnly(out.get(0).id());
    }

    @Test
    void theSeverityRankingDecidesTheAlertsSeverity() {
        SeverityRanking important = new SeverityRanking(3, 0, List.of(), List.of(new dev.vigil.alerting.severity.Importance(
                dev.vigil.alerting.matcher.Matchers.parse(List.of("entity=\"pump\"")), 2.5)));
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(1, 1, 1), LifecyclePolicy.NONE, important);
        Optional<Alert> alert = lc.onScore(score(0, 0.6));
        assertThat(alert).get().extracting(Alert::severity).as("ratio 1.5 x importance 2.5 = 3.75").isEqualTo(Severity.CRITICAL);
    }
}
