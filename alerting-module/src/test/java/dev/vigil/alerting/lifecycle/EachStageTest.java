package dev.vigil.alerting.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.alerting.lifecycle.Transition.Step;
import dev.vigil.alerting.lifecycle.Transition.Told;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each lifecycle stage alone: what it decides from a fingerprint's track and one score, and what it leaves alone. */
class EachStageTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    private static Score score(int minute, double score, String scorer) {
        Explanation why = new Explanation("mean", 10 * score, 1, 1,
                List.of(new Finding(scorer, score / (1 - score) * 3, 3, "mean observed " + score)));
        return new Score("spike", "mqtt", "pump", new TreeMap<>(), T0.plusSeconds(60L * minute), score, 0.5,
                score >= 0.5, why);
    }

    private static Score score(int minute, double score) {
        return score(minute, score, "z");
    }

    /** A track of M = 3 windows that remembered the given scores, in order. */
    private static Track track(Score... remembered) {
        Track track = new Track("mqtt", Map.of("detector", "spike", "source", "mqtt", "entity", "pump"), 3);
        for (Score s : remembered) {
            track.record(s);
        }
        return track;
    }

    private static Transition at(Track track, Score score, Step step) {
        return Transition.of("fp", score, track).to(step);
    }

    @Nested
    class ConfirmationStage {

        private final Confirmation confirmation = new Confirmation(new ConfirmationPolicy(2, 3, 2));

        @Test
        void firesOnNOfTheLastMAndStaysPendingBelow() {
            Score second = score(2, 0.7);
            assertThat(confirmation.apply(Transition.of("fp", second, track(score(0, 0.7), score(1, 0.1), second))).step())
                    .isEqualTo(Step.FIRE);
            Score first = score(1, 0.7);
            assertThat(confirmation.apply(Transition.of("fp", first, track(score(0, 0.1), first))).step())
                    .isEqualTo(Step.PENDING);
        }

        @Test
        void aFiringFingerprintResolvesAfterTheRecoveryCountOfNormalWindows() {
            Track track = track(score(0, 0.1));
            track.on = true;
            assertThat(confirmation.apply(Transition.of("fp", score(5, 0.1), track)).step()).isEqualTo(Step.RECOVERING);
            track.normalStreak = 1;
            assertThat(confirmation.apply(Transition.of("fp", score(6, 0.1), track)).step()).isEqualTo(Step.RESOLVE);
            assertThat(confirmation.apply(Transition.of("fp", score(7, 0.8), track)).step()).isEqualTo(Step.FIRING);
        }
    }

    @Nested
    class FireAtOnceStage {

        private final FireAtOnce atOnce = new FireAtOnce(Set.of("rules"));

        @Test
        void anAnomalousFindingOfAnUnconfirmedScorerFires() {
            Score rule = score(0, 0.9, "rules");
            assertThat(atOnce.apply(at(track(rule), rule, Step.PENDING)).step()).isEqualTo(Step.FIRE);
        }

        @Test
        void otherScorersAndNormalWindowsWait() {
            Score z = score(0, 0.9);
            assertThat(atOnce.apply(at(track(z), z, Step.PENDING)).step()).isEqualTo(Step.PENDING);
            Score quiet = score(0, 0.2, "rules");
            assertThat(atOnce.apply(at(track(quiet), quiet, Step.PENDING)).step()).isEqualTo(Step.PENDING);
        }
    }

    @Nested
    class CooldownStage {

        private final Cooldown cooldown = new Cooldown(Duration.ofMinutes(10));

        @Test
        void aFireWithinTheCooldownOfTheLastResolveStaysPendingAndOneAfterItFires() {
            Track track = track();
            track.resolvedAt = T0;
            assertThat(cooldown.apply(at(track, score(9, 0.9), Step.FIRE)).step()).isEqualTo(Step.PENDING);
            assertThat(cooldown.apply(at(track, score(10, 0.9), Step.FIRE)).step()).isEqualTo(Step.FIRE);
        }

        @Test
        void aFingerprintThatNeverResolvedFiresAtOnce() {
            assertThat(cooldown.apply(at(track(), score(0, 0.9), Step.FIRE)).step()).isEqualTo(Step.FIRE);
        }
    }

    @Nested
    class FlapDetectionStage {

        private final FlapDetection flaps = new FlapDetection(2, Duration.ofHours(1));

        @Test
        void theChangeBeyondTheLimitIsToldAsANoticeAndChangesWhileFlappingAreNotTold() {
            Track track = track();
            track.changes.add(T0);
            assertThat(flaps.apply(at(track, score(1, 0.9), Step.FIRE)).told()).isEqualTo(Told.PLAINLY);
            track.changes.add(T0.plusSeconds(60));
            assertThat(flaps.apply(at(track, score(2, 0.9), Step.RESOLVE)).told()).isEqualTo(Told.AS_FLAPPING_NOTICE);
            track.flapping = true;
            assertThat(flaps.apply(at(track, score(3, 0.9), Step.FIRE)).told()).isEqualTo(Told.NOT_AT_ALL);
        }

        @Test
        void aFlappingFingerprintSettlesAfterAWholePeriodWithoutAChange() {
            Track track = track();
            track.flapping = true;
            track.changes.add(T0);
            assertThat(flaps.apply(at(track, score(59, 0.1), Step.RECOVERING)).settles()).isFalse();
            assertThat(flaps.apply(at(track, score(60, 0.1), Step.RECOVERING)).settles()).isTrue();
        }

        @Test
        void offAtZero() {
            Track track = track();
            for (int i = 0; i < 10; i++) {
                track.changes.add(T0.plusSeconds(i));
            }
            assertThat(new FlapDetection(0, Duration.ofHours(1)).apply(at(track, score(1, 0.9), Step.FIRE)).told())
                    .isEqualTo(Told.PLAINLY);
        }
    }

    @Nested
    class RankingStage {

        private final List<Track> tracks = new ArrayList<>();
        private final Ranking ranking = new Ranking(SeverityRanking.SCORE_ONLY, tracks);

        @Test
        void aFireIsRankedByTheStrongestWindowRemembered() {
            Score weak = score(1, 0.6);
            Track track = track(score(0, 0.8), weak);
            assertThat(ranking.apply(at(track, weak, Step.FIRE)).severity()).isEqualTo(Severity.CRITICAL);
            Track mild = track(score(0, 0.6), weak);
            assertThat(ranking.apply(at(mild, weak, Step.FIRE)).severity()).isEqualTo(Severity.WARNING);
        }

        @Test
        void aFiringFingerprintIsUpgradedNeverDowngraded() {
            Track track = track(score(0, 0.6));
            track.on = true;
            track.open = new Alert("id", "fp", AlertStatus.FIRING, Severity.WARNING, "mqtt", "pump", "spike", T0, null,
                    "pump", score(0, 0.6).explanation(), new TreeMap<>());
            Transition upgrade = ranking.apply(at(track, score(1, 0.9), Step.FIRING));
            assertThat(upgrade.step()).isEqualTo(Step.UPGRADE);
            assertThat(upgrade.severity()).isEqualTo(Severity.CRITICAL);

            track.open = track.open.withSeverity(Severity.CRITICAL);
            assertThat(ranking.apply(at(track, score(2, 0.6), Step.FIRING)).step()).isEqualTo(Step.FIRING);
        }
    }
}
