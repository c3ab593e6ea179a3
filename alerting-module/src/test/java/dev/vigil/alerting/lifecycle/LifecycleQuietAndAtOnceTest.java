package dev.vigil.alerting.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings that fire without confirmation; fingerprints that stop being scored (wall clock). */
class LifecycleQuietAndAtOnceTest {

    private static final Instant T0 = Instant.parse("2026-01-10T03:00:00Z");

    /** A wall clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final HandClock wall = new HandClock();

    private AlertLifecycle lifecycle(Duration resolveWhenQuiet, Duration forgetAfter) {
        return new AlertLifecycle(new ConfirmationPolicy(2, 3, 2), new LifecyclePolicy(Duration.ZERO, 0,
                Duration.ofHours(1), Set.of("rules", "novelty"), resolveWhenQuiet, forgetAfter),
                SeverityRanking.SCORE_ONLY, wall);
    }

    private static Score score(String entity, int minute, String scorer, double statistic) {
        Explanation why = new Explanation("failed_logins_1m", statistic, 0, 1,
                List.of(new Finding(scorer, statistic, 1, entity + " " + scorer + " " + statistic)));
        double ratio = statistic / 1;
        return new Score("ip-abuse", "users", entity, new TreeMap<>(), T0.plusSeconds(60L * minute),
                Score.normalise(ratio), 0.5, ratio >= 1, why);
    }

    @Test
    void aHardRuleFiresOnItsFirstWindowWhileOtherFindingsWaitForNOfM() {
        AlertLifecycle lc = lifecycle(Duration.ZERO, Duration.ZERO);

        Optional<Alert> rule = lc.onScore(score("ip:203.0.113.9", 0, "rules", 3));
        Optional<Alert> risk = lc.onScore(score("user:alice", 0, "risk", 3));

        assertThat(rule).get().extracting(Alert::status).isEqualTo(AlertStatus.FIRING);
        assertThat(risk).as("risk is confirmed over N of M like any scorer").isEmpty();
        assertThat(lc.onScore(score("user:alice", 1, "risk", 3))).get().extracting(Alert::status)
                .isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void theShippedLifecycleFiresALikelihoodVerdictOnItsFirstWindowButConfirmsARawFinding() {
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(2, 3, 2),
                new AlertingConfigLoader(List.of("console")).loadDefault().lifecycle(), SeverityRanking.SCORE_ONLY, wall);

        Optional<Alert> verdict = lc.onScore(score("temperature{site=plant-9}", 0, "likelihood", 1.2));
        Optional<Alert> young = lc.onScore(score("pressure{site=plant-9}", 0, "robust-z", 1.2));

        assertThat(verdict).as("a 1-in-10,000 verdict with its own refractory period: no confirmation")
                .get().extracting(Alert::status).isEqualTo(AlertStatus.FIRING);
        assertThat(young).as("a young series' raw robust z still waits for N of M").isEmpty();
        assertThat(lc.onScore(score("humidity{site=plant-9}", 0, "likelihood", 0.9)))
                .as("a verdict held below its limit fires nothing").isEmpty();
    }

    @Test
    void aRuleFindingThatDoesNotHoldFiresNothing() {
        AlertLifecycle lc = lifecycle(Duration.ZERO, Duration.ZERO);
        assertThat(lc.onScore(score("ip:198.51.100.7", 0, "rules", 0.5))).isEmpty();
        assertThat(lc.state(Fingerprint.of("ip-abuse", "users", "ip:198.51.100.7", new TreeMap<>())))
                .isEqualTo(AlertState.INACTIVE);
    }

    @Test
    void aFiringAlertWhoseEntityStopsBeingScoredResolvesAfterTheQuietTimeAtItsLastWindow() {
        AlertLifecycle lc = lifecycle(Duration.ofMinutes(15), Duration.ZERO);
        Alert fired = lc.onScore(score("ip:203.0.113.9", 0, "rules", 3)).orElseThrow();
        lc.onScore(score("ip:203.0.113.9", 1, "rules", 3));

        wall.now = wall.now.plus(Duration.ofMinutes(14));
        assertThat(lc.sweep(wall.now)).as("not quiet long enough").isEmpty();
        wall.now = wall.now.plus(Duration.ofMinutes(1));
        List<Alert> resolved = lc.sweep(wall.now);

        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(fired.id());
            assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.endsAt()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(lc.sweep(wall.now.plus(Duration.ofHours(1)))).as("resolved once").isEmpty();
    }

    @Test
    void aQuietFingerprintThatIsNotFiringIsForgottenAndAScoredOneIsNot() {
        AlertLifecycle lc = lifecycle(Duration.ofMinutes(15), Duration.ofHours(24));
        lc.onScore(score("user:bob", 0, "risk", 1.5));
        wall.now = wall.now.plus(Duration.ofHours(23));
        lc.onScore(score("user:carol", 0, "risk", 1.5));
        wall.now = wall.now.plus(Duration.ofHours(1));

        lc.sweep(wall.now);

        assertThat(lc.size()).isEqualTo(1);
        assertThat(lc.state(Fingerprint.of("ip-abuse", "users", "user:carol", new TreeMap<>())))
                .isEqualTo(AlertState.PENDING);
    }

    @Test
    void aRestoredAlertIsResolvedForQuietOnlyOnceThisProcessHasScoredIt() {
        AlertLifecycle before = lifecycle(Duration.ofMinutes(15), Duration.ZERO);
        Alert fired = before.onScore(score("ip:203.0.113.9", 0, "rules", 3)).orElseThrow();
        AlertLifecycle after = lifecycle(Duration.ofMinutes(15), Duration.ZERO);
        after.restore(fired);

        assertThat(after.sweep(wall.now.plus(Duration.ofHours(2))))
                .as("maybe another instance's incident: only that instance may tell its resolve").isEmpty();
        after.onScore(score("ip:203.0.113.9", 90, "rules", 3));
        wall.now = wall.now.plus(Duration.ofMinutes(15));
        assertThat(after.sweep(wall.now)).singleElement().extracting(Alert::id).isEqualTo(fired.id());
    }

    @Test
    void zeroQuietTimesNeverResolveNorForget() {
        AlertLifecycle lc = lifecycle(Duration.ZERO, Duration.ZERO);
        lc.onScore(score("ip:203.0.113.9", 0, "rules", 3));
        lc.onScore(score("user:bob", 0, "risk", 1.5));
        assertThat(lc.sweep(wall.now.plus(Duration.ofDays(30)))).isEmpty();
        assertThat(lc.size()).isEqualTo(2);
    }
}
