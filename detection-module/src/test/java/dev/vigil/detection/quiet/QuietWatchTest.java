package dev.vigil.detection.quiet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.vigil.contracts.Score;
import dev.vigil.features.state.Seasonality;
import dev.vigil.features.state.SeriesState;
import dev.vigil.features.state.SeriesStates;
import dev.vigil.features.state.StateSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuietWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private final SeriesStates states = new SeriesStates(new StateSpec(10, 0.1, 0), 100);
    private final QuietWatch watch = new QuietWatch(5, Duration.ofMinutes(2), T0, 2);

    private void learnEveryMinute(String entity, int minutes) {
        SeriesState state = states.state("mqtt", entity, "mean");
        for (int m = 0; m < minutes; m++) {
            state.learn(T0.plus(Duration.ofMinutes(m)), 20);
        }
    }

    @Test
    void aSeriesQuietForLongerThanItsRhythmAllowsScoresAnomalousWithAnExplanation() {
        learnEveryMinute("temperature{device=d1}", 30);
        learnEveryMinute("temperature{device=d2}", 40);
        Instant now = T0.plus(Duration.ofMinutes(38));

        List<Score> scores = watch.quiet(states.quietSince(now, 5, Duration.ofMinutes(2)), now);

        assertThat(scores).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo(QuietWatch.DETECTOR);
            assertThat(s.entity()).isEqualTo("temperature{device=d1}");
            assertThat(s.anomalous()).isTrue();
            assertThat(s.score()).isGreaterThanOrEqualTo(0.5);
            assertThat(s.explanation().summary())
                    .isEqualTo("temperature{device=d1} sent nothing for 9m 0s, usually every 1m 0s (9× its interval, limit 5×)");
        });
    }

    @Test
    void aSilentSeriesHeardAgainScoresNormalAsOftenAsRecoveryNeedsThenNoMore() {
        learnEveryMinute("temperature{device=d1}", 30);
        Instant now = T0.plus(Duration.ofMinutes(45));
        watch.quiet(states.quietSince(now, 5, Duration.ofMinutes(2)), now);

        assertThat(watch.heard("mqtt", "temperature{device=d1}", now)).hasValueSatisfying(s -> assertThat(s.anomalous()).isFalse());
        assertThat(watch.heard("mqtt", "temperature{device=d1}", now)).isPresent();
        assertThat(watch.heard("mqtt", "temperature{device=d1}", now)).isEmpty();
        assertThat(watch.heard("mqtt", "temperature{device=d2}", now)).isEmpty();
    }

    @Test
    void seriesFollowedBySeveralDetectorsAreReportedOnce() {
        learnEveryMinute("temperature{device=d1}", 30);
        SeriesStates other = new SeriesStates(new StateSpec(10, 0.1, 0), 100);
        SeriesState state = other.state("mqtt", "temperature{device=d1}", "max");
        for (int m = 0; m < 30; m++) {
            state.learn(T0.plus(Duration.ofMinutes(m)), 25);
        }
        Instant now = T0.plus(Duration.ofMinutes(45));
        List<SeriesStates.Quiet> both = new java.util.ArrayList<>(states.quietSince(now, 5, Duration.ofMinutes(2)));
        both.addAll(other.quietSince(now, 5, Duration.ofMinutes(2)));

        assertThat(watch.quiet(both, now)).hasSize(1);
    }

    @Test
    void aSeriesRestoredFromBeforeARestartIsSilentOnlyOnceItStaysQuietAfterTheStart() {
        learnEveryMinute("temperature{device=d1}", 30);
        Instant restart = T0.plus(Duration.ofHours(2));
        QuietWatch afterRestart = new QuietWatch(5, Duration.ofMinutes(2), restart, 2);

        Instant soon = restart.plus(Duration.ofSeconds(90));
        assertThat(afterRestart.quiet(states.quietSince(soon, 5, Duration.ofMinutes(2)), soon)).isEmpty();
        Instant later = restart.plus(Duration.ofMinutes(6));
        assertThat(afterRestart.quiet(states.quietSince(later, 5, Duration.ofMinutes(2)), later)).hasSize(1);
    }

    @Test
    void writesDurationsAsPeopleSayThem() {
        assertThat(QuietWatch.human(Duration.ofMillis(3200))).isEqualTo("3.2s");
        assertThat(QuietWatch.human(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(QuietWatch.human(Duration.ofSeconds(750))).isEqualTo("12m 30s");
        assertThat(QuietWatch.human(Duration.ofMinutes(125))).isEqualTo("2h 5m");
    }
}
