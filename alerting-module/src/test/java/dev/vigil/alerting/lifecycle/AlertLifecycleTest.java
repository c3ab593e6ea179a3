package dev.vigil.alerting.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertLifecycleTest {

    private static final Instant T0 = Instant.parse("2024-06-01T08:00:00Z");
    private static final double NORMAL = 0.2;
    private static final double ANOMALOUS = 0.6;

    private static SortedMap<String, String> labels() {
        return new TreeMap<>(Map.of("site", "plant-1"));
    }

    /** The score of window {@code i} (ending at T0 + i minutes); anomalous iff the score reaches 0.5. */
    private static Score score(String detector, String entity, SortedMap<String, String> labels, int i, double score) {
        double observed = 100 + 10 * score; // distinct per score, so the chosen explanation is recognisable
        Explanation why = new Explanation("mean", observed, 100, 2,
                List.of(new Finding("robust-z", score / (1 - score) * 3.5, 3.5, "mean observed " + observed)));
        return new Score(detector, "mqtt", entity, labels, at(i), score, Score.THRESHOLD, score >= Score.THRESHOLD, why);
    }

    private static Score score(int i, double score) {
        return score("temp-spike", "temp{device=d7}", labels(), i, score);
    }

    private static Instant at(int i) {
        return T0.plusSeconds(60L * i);
    }

    /** 3 anomalous of the last 5 fire; 2 consecutive normal windows resolve. */
    private final AlertLifecycle lifecycle = new AlertLifecycle(new ConfirmationPolicy(3, 5, 2));

    private List<Optional<Alert>> feed(AlertLifecycle lc, int firstWindow, double... scores) {
        List<Optional<Alert>> out = new ArrayList<>();
        for (int j = 0; j < scores.length; j++) {
            out.add(lc.onScore(score(firstWindow + j, scores[j])));
        }
        return out;
    }

    private Alert fireDefault() {
        List<Optional<Alert>> out = feed(lifecycle, 0, ANOMALOUS, NORMAL, ANOMALOUS, ANOMALOUS);
        assertThat(out.subList(0, 3)).allSatisfy(o -> assertThat(o).isEmpty());
        return out.get(3).orElseThrow();
    }

    @Test
    void firesExactlyOneFiringAlertWhenNOfTheLastMWindowsAreAnomalous() {
        List<Optional<Alert>> out = feed(lifecycle, 0, ANOMALOUS, NORMAL, ANOMALOUS, NORMAL, ANOMALOUS);

        assertThat(out.subList(0, 4)).allSatisfy(o -> assertThat(o).isEmpty());
        Alert alert = out.get(4).orElseThrow();
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.id()).isNotBlank();
        assertThat(alert.fingerprint()).isEqualTo(Fingerprint.of("temp-spike", "mqtt", "temp{device=d7}", labels()));
        assertThat(alert.detector()).isEqualTo("temp-spike");
        assertThat(alert.source()).isEqualTo("mqtt");
        assertThat(alert.entity()).isEqualTo("temp{device=d7}");
        assertThat(alert.labels()).isEqualTo(labels());
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.startsAt()).isEqualTo(at(0));
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.summary()).startsWith("temp{device=d7} mean is anomalous");
    }

    @Test
    void aFingerprintThatWasOnlyEverNormalIsInactiveAndFiresLikeANewOne() {
        String fingerprint = Fingerprint.of("temp-spike", "mqtt", "temp{device=d7}", labels());
        feed(lifecycle, 0, NORMAL, NORMAL, NORMAL, NORMAL, NORMAL, NORMAL);
        assertThat(lifecycle.state(fingerprint)).isEqualTo(AlertState.INACTIVE);

        // a lone anomaly washed out by normal windows leaves it inactive again, not pending
        feed(lifecycle, 6, ANOMALOUS, NORMAL, NORMAL, NORMAL, NORMAL, NORMAL);
        assertThat(lifecycle.state(fingerprint)).isEqualTo(AlertState.INACTIVE);

        List<Optional<Alert>> out = feed(lifecycle, 12, ANOMALOUS, NORMAL, ANOMALOUS, ANOMALOUS);
        assertThat(lifecycle.state(fingerprint)).isEqualTo(AlertState.FIRING);
        assertThat(out.get(3).orElseThrow().startsAt()).isEqualTo(at(12));
    }

    @Test
    void anomaliesSpreadWiderThanMWindowsNeverFire() {
        List<Optional<Alert>> out = feed(lifecycle, 0,
                ANOMALOUS, NORMAL, NORMAL, ANOMALOUS, NORMAL, NORMAL, ANOMALOUS, NORMAL, NORMAL, ANOMALOUS, NORMAL, NORMAL);

        assertThat(out).allSatisfy(o -> assertThat(o).isEmpty());
    }

    @Test
    void furtherAnomalousWindowsWhileFiringRaiseNothingButAnUpgrade() {
        Alert fired = fireDefault();

        List<Optional<Alert>> out = feed(lifecycle, 4, ANOMALOUS, 0.99, ANOMALOUS, NORMAL, ANOMALOUS, ANOMALOUS, ANOMALOUS);

        assertThat(out.get(1)).as("WARNING -> CRITICAL is notified again, same incident")
                .hasValueSatisfying(a -> {
                    assertThat(a.id()).isEqualTo(fired.id());
                    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                });
        out.remove(1);
        assertThat(out).allSatisfy(o -> assertThat(o).isEmpty());
    }

    @Test
    void resolvesAfterRecoveryConsecutiveNormalWindowsWithTheSameIdAndEndsAt() {
        Alert firing = fireDefault();

        // one normal window then an anomalous one: the streak starts over
        assertThat(lifecycle.onScore(score(4, NORMAL))).isEmpty();
        assertThat(lifecycle.onScore(score(5, ANOMALOUS))).isEmpty();
        assertThat(lifecycle.onScore(score(6, NORMAL))).isEmpty();
        Alert resolved = lifecycle.onScore(score(7, NORMAL)).orElseThrow();

        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.id()).isEqualTo(firing.id());
        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
        assertThat(resolved.endsAt()).isEqualTo(at(7));
        assertThat(resolved.startsAt()).isEqualTo(firing.startsAt());
        assertThat(resolved.severity()).isEqualTo(firing.severity());
        assertThat(resolved.explanation()).isEqualTo(firing.explanation());

        // and nothing more while it stays normal
        assertThat(feed(lifecycle, 8, NORMAL, NORMAL, NORMAL, NORMAL)).allSatisfy(o -> assertThat(o).isEmpty());
    }

    @Test
    void newIncidentAfterResolvingNeedsNFreshAnomalousWindowsAndGetsANewId() {
        Alert first = fireDefault();
        feed(lifecycle, 4, NORMAL, NORMAL); // resolves

        assertThat(lifecycle.onScore(score(6, ANOMALOUS))).isEmpty();
        assertThat(lifecycle.onScore(score(7, ANOMALOUS))).isEmpty();
        Alert second = lifecycle.onScore(score(8, ANOMALOUS)).orElseThrow();

        assertThat(second.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.startsAt()).isEqualTo(at(6));
        assertThat(second.endsAt()).isNull();
    }

    @Test
    void differentEntitiesAreIndependent() {
        List<Alert> raised = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lifecycle.onScore(score("temp-spike", "pump-1", labels(), i, ANOMALOUS)).ifPresent(raised::add);
            lifecycle.onScore(score("temp-spike", "pump-2", labels(), i, i == 1 ? NORMAL : ANOMALOUS)).ifPresent(raised::add);
        }

        assertThat(raised).singleElement().satisfies(a -> assertThat(a.entity()).isEqualTo("pump-1"));

        Alert pump2 = lifecycle.onScore(score("temp-spike", "pump-2", labels(), 3, ANOMALOUS)).orElseThrow();
        assertThat(pump2.entity()).isEqualTo("pump-2");
        assertThat(pump2.id()).isNotEqualTo(raised.get(0).id());
        assertThat(pump2.fingerprint()).isNotEqualTo(raised.get(0).fingerprint());
        assertThat(pump2.startsAt()).isEqualTo(at(0));
    }

    @Test
    void differentDetectorsOnTheSameEntityAreIndependent() {
        lifecycle.onScore(score("spike", "pump-1", labels(), 0, ANOMALOUS));
        lifecycle.onScore(score("spike", "pump-1", labels(), 1, ANOMALOUS));
        lifecycle.onScore(score("drift", "pump-1", labels(), 0, ANOMALOUS));

        assertThat(lifecycle.onScore(score("drift", "pump-1", labels(), 1, ANOMALOUS))).isEmpty();
        assertThat(lifecycle.onScore(score("spike", "pump-1", labels(), 2, ANOMALOUS))).get()
                .extracting(Alert::detector).isEqualTo("spike");
        assertThat(lifecycle.onScore(score("drift", "pump-1", labels(), 2, ANOMALOUS))).get()
                .extracting(Alert::detector).isEqualTo("drift");
    }

    @Test
    void resolvingOneFingerprintLeavesAnotherFiring() {
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(1, 1, 1));
        SortedMap<String, String> other = new TreeMap<>(Map.of("site", "plant-2"));
        Alert a = lc.onScore(score("spike", "pump", labels(), 0, ANOMALOUS)).orElseThrow();
        Alert b = lc.onScore(score("spike", "pump", other, 0, ANOMALOUS)).orElseThrow();
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());

        assertThat(lc.onScore(score("spike", "pump", labels(), 1, NORMAL))).get()
                .extracting(Alert::id, Alert::status).containsExactly(a.id(), AlertStatus.RESOLVED);
        assertThat(lc.onScore(score("spike", "pump", other, 1, ANOMALOUS))).isEmpty(); // b still firing: dedup
    }

    @Test
    void severityIsWarningWhenTheStrongestScoreIsBelowThreeQuarters() {
        Alert alert = feed(lifecycle, 0, 0.6, 0.74, 0.7).get(2).orElseThrow();

        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void severityIsCriticalWhenTheStrongestScoreReachesThreeQuartersAndItsExplanationIsUsed() {
        List<Optional<Alert>> out = feed(lifecycle, 0, 0.6, 0.75, 0.55);
        Alert alert = out.get(2).orElseThrow();

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.explanation()).isEqualTo(score(1, 0.75).explanation());
    }

    @Test
    void normalWindowScoresDoNotDecideSeverity() {
        // a high but non-anomalous score cannot exist on the real scale; a score object marked normal must still be ignored
        Score oddNormal = new Score("temp-spike", "mqtt", "temp{device=d7}", labels(), at(0), 0.9, 0.5, false,
                score(0, 0.9).explanation());
        lifecycle.onScore(oddNormal);

        Alert alert = feed(lifecycle, 1, 0.6, 0.6, 0.6).get(2).orElseThrow();

        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void startsAtIsTheEarliestAnomalousWindowStillAmongTheLastM() {
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(2, 3, 1));

        List<Optional<Alert>> out = feed(lc, 0, ANOMALOUS, NORMAL, NORMAL, ANOMALOUS, ANOMALOUS);

        assertThat(out.subList(0, 4)).allSatisfy(o -> assertThat(o).isEmpty());
        // window 0 was anomalous but has left the last 3 windows
        assertThat(out.get(4)).get().extracting(Alert::startsAt).isEqualTo(at(3));
    }

    @Test
    void startsAtIgnoresNormalWindowsBeforeTheFirstAnomaly() {
        List<Optional<Alert>> out = feed(lifecycle, 0, NORMAL, ANOMALOUS, NORMAL, ANOMALOUS, ANOMALOUS);

        assertThat(out.get(4)).get().extracting(Alert::startsAt).isEqualTo(at(1));
    }

    @Test
    void singleWindowPolicyFiresAndResolvesImmediately() {
        AlertLifecycle lc = new AlertLifecycle(new ConfirmationPolicy(1, 1, 1));

        Alert firing = lc.onScore(score(0, ANOMALOUS)).orElseThrow();
        Alert resolved = lc.onScore(score(1, NORMAL)).orElseThrow();
        Alert again = lc.onScore(score(2, ANOMALOUS)).orElseThrow();

        assertThat(firing.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(firing.startsAt()).isEqualTo(at(0));
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.id()).isEqualTo(firing.id());
        assertThat(resolved.endsAt()).isEqualTo(at(1));
        assertThat(again.id()).isNotEqualTo(firing.id());
    }

    @Test
    void aRestoredFiringAlertGoesOnUnderItsIdAndResolvesAfterTheRecoveryWindows() {
        Alert fired = fireDefault();
        AlertLifecycle restarted = new AlertLifecycle(new ConfirmationPolicy(3, 5, 2));
        restarted.restore(fired);

        assertThat(restarted.state(fired.fingerprint())).isEqualTo(AlertState.FIRING);
        assertThat(feed(restarted, 10, ANOMALOUS, ANOMALOUS, ANOMALOUS, ANOMALOUS)).as("no second alert for the incident")
                .allSatisfy(o -> assertThat(o).isEmpty());
        assertThat(restarted.onScore(score(14, 0.99))).as("an upgrade is still told, under the same id")
                .hasValueSatisfying(a -> assertThat(a.id()).isEqualTo(fired.id()));
        assertThat(restarted.onScore(score(15, NORMAL))).isEmpty();
        Alert resolved = restarted.onScore(score(16, NORMAL)).orElseThrow();
        assertThat(resolved.id()).isEqualTo(fired.id());
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.endsAt()).isEqualTo(at(16));
    }

    @Test
    void onlyAFiringAlertCanBeRestored() {
        Alert fired = fireDefault();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AlertLifecycle(new ConfirmationPolicy(3, 5, 2))
                .restore(fired.resolved(at(9)))).isInstanceOf(IllegalArgumentException.class);
    }
}
