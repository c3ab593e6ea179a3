package dev.vigil.app.sparkplug;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.lifecycle.LifecyclePolicy;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Score;
import dev.vigil.ingest.sparkplug.EdgeStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Sparkplug deaths and births through the real alert lifecycle, as the shipped alerting file and N of M set it. */
class EdgeDeathsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final ConfirmationPolicy SHIPPED = new ConfirmationPolicy(2, 3, 3);

    private final EdgeDeaths deaths = new EdgeDeaths(SHIPPED.recoveryWindows());

    @Test
    void aDeathFiresOneQuietAlertAtOnceThatTheNextBirthResolves() {
        AlertLifecycle lifecycle = new AlertLifecycle(SHIPPED,
                new AlertingConfigLoader(List.of("console")).loadDefault().lifecycle(), SeverityRanking.SCORE_ONLY);

        List<Alert> told = through(lifecycle, deaths.onStatus(List.of(status("gw-1", null, false, T0))));
        assertThat(told).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(alert.detector()).isEqualTo("quiet");
            assertThat(alert.source()).isEqualTo("sparkplug");
            assertThat(alert.entity()).isEqualTo("plant/gw-1");
            assertThat(alert.labels()).containsEntry("group", "plant").containsEntry("node", "gw-1");
            assertThat(alert.summary()).isEqualTo("plant/gw-1 offline is anomalous: 1.000 vs expected 0.000");
            assertThat(alert.explanation().summary())
                    .startsWith("plant/gw-1 published its death certificate (NDEATH (bdSeq 3)) at " + T0);
        });
        assertThat(through(lifecycle, deaths.stillDead(T0.plusSeconds(5)))).as("still dead: the same alert").isEmpty();

        told = through(lifecycle, deaths.onStatus(List.of(status("gw-1", null, true, T0.plusSeconds(9)))));
        assertThat(told).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(alert.entity()).isEqualTo("plant/gw-1");
        });
        assertThat(deaths.stillDead(T0.plusSeconds(10))).as("born again: nothing to report").isEmpty();
    }

    @Test
    void withEveryFindingConfirmedTheChecksWhileDeadConfirmIt() {
        AlertLifecycle lifecycle = new AlertLifecycle(SHIPPED,
                new LifecyclePolicy(Duration.ZERO, 0, Duration.ofHours(1), Set.of(), Duration.ofMinutes(15),
                        Duration.ofDays(1)), SeverityRanking.SCORE_ONLY);

        assertThat(through(lifecycle, deaths.onStatus(List.of(status("gw-1", "pump-3", false, T0))))).isEmpty();
        assertThat(through(lifecycle, deaths.stillDead(T0.plusSeconds(5)))).singleElement()
                .satisfies(alert -> assertThat(alert.entity()).isEqualTo("plant/gw-1/pump-3"));
    }

    @Test
    void birthsOfWhatWasNotDeadScoreNothingAndEachDeathIsItsOwnEntity() {
        assertThat(deaths.onStatus(List.of(status("gw-1", null, true, T0), status("gw-1", "pump-3", true, T0))))
                .isEmpty();

        deaths.onStatus(List.of(status("gw-1", "pump-3", false, T0), status("gw-2", null, false, T0)));

        assertThat(deaths.stillDead(T0.plusSeconds(5))).extracting(Score::entity, Score::anomalous, Score::timestamp)
                .containsExactly(tuple("plant/gw-1/pump-3", true, T0.plusSeconds(5)),
                        tuple("plant/gw-2", true, T0.plusSeconds(5)));
        assertThat(deaths.onStatus(List.of(status("gw-1", "pump-3", true, T0.plusSeconds(6)))))
                .hasSize(SHIPPED.recoveryWindows()).allSatisfy(score -> assertThat(score.anomalous()).isFalse());
    }

    private static EdgeStatus status(String node, String device, boolean online, Instant at) {
        String detail = device != null ? (online ? "DBIRTH" : "DDEATH") : online ? "NBIRTH (bdSeq 4)" : "NDEATH (bdSeq 3)";
        return new EdgeStatus("plant", node, device, online, at, detail);
    }

    private static List<Alert> through(AlertLifecycle lifecycle, List<Score> scores) {
        List<Alert> told = new ArrayList<>();
        for (Score score : scores) {
            Optional<Alert> alert = lifecycle.onScore(score);
            alert.ifPresent(told::add);
        }
        return told;
    }
}
