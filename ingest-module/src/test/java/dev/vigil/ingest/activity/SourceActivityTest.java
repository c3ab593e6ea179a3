package dev.vigil.ingest.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceActivityTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** The wall clock as the test moves it. */
    private Instant now = T0;
    private final InstantSource clock = () -> now;
    private final SourceActivity activity = new SourceActivity(clock, 3, Duration.ofMinutes(2));

    private void advance(Duration by) {
        now = now.plus(by);
    }

    private SourceStatus status(String source) {
        return activity.statuses().stream().filter(s -> s.source().equals(source)).findFirst().orElseThrow();
    }

    @Test
    void ratesAreEventsPerSecondOverTheLastTenSecondsAndTheHistoryCoversFiveMinutesInFiveSecondSteps() {
        for (int second = 0; second < 20; second++) {
            activity.accepted("mqtt", 4);
            advance(Duration.ofSeconds(1));
        }
        advance(Duration.ofMillis(-1)); // still inside the 20th second: seconds 10..19 held 4 events each

        SourceStatus mqtt = status("mqtt");
        assertThat(mqtt.events()).isEqualTo(80);
        assertThat(mqtt.eventsPerSecond()).isEqualTo(4.0);
        assertThat(mqtt.lastEventAt()).isEqualTo(T0.plusSeconds(19));
        assertThat(mqtt.quiet()).isFalse();
        assertThat(mqtt.rateHistory()).hasSize(60);
        assertThat(mqtt.rateHistory().get(59).at()).isEqualTo(T0.plusSeconds(19));
        assertThat(mqtt.rateHistory().get(58).perSecond()).isEqualTo(4.0);
        assertThat(mqtt.rateHistory().get(0).perSecond()).isZero();

        advance(Duration.ofSeconds(5)); // five empty seconds: half the rate window
        assertThat(status("mqtt").eventsPerSecond()).isEqualTo(2.0);
    }

    @Test
    void aSourceThatStopsGoesQuietAfterTheQuietTimeAndItsRateFallsToZero() {
        activity.expect("file");
        activity.accepted("kafka", 10);
        assertThat(status("file").quiet()).as("listed before its first event, and quiet").isTrue();
        assertThat(status("file").lastEventAt()).isNull();

        advance(Duration.ofMinutes(2));
        assertThat(status("kafka").quiet()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(status("kafka").quiet()).isTrue();
        assertThat(status("kafka").eventsPerSecond()).isZero();
        assertThat(status("kafka").events()).isEqualTo(10);

        // a lap of the ring later the old slot must not be read as current
        advance(Duration.ofSeconds(SourceLedger.HISTORY_SECONDS - 121));
        assertThat(status("kafka").rateHistory()).allSatisfy(p -> assertThat(p.perSecond()).isZero());
    }

    @Test
    void deadLettersAreCountedAndOnlyTheLatestReasonsAreKeptNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            activity.rejected("mqtt", "vigil/sensors/a/b", "reason " + i);
            advance(Duration.ofSeconds(1));
        }
        SourceStatus mqtt = status("mqtt");
        assertThat(mqtt.deadLetters()).isEqualTo(5);
        assertThat(mqtt.lastDeadLetterAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(mqtt.recentDeadLetters()).extracting(SourceStatus.RecentDeadLetter::reason)
                .containsExactly("reason 5", "reason 4", "reason 3");
        assertThat(mqtt.events()).isZero();
    }

    @Test
    void theNumberOfSourcesIsBounded() {
        for (int i = 0; i < SourceActivity.MAX_SOURCES + 10; i++) {
            activity.accepted("route-" + i, 1);
        }
        assertThat(activity.statuses()).hasSize(SourceActivity.MAX_SOURCES);
    }

    @Test
    void refusesSettingsItCannotUse() {
        assertThatThrownBy(() -> new SourceActivity(clock, 0, Duration.ofMinutes(1)))
                .hasMessageContaining("vigil.sources.recent-dead-letters");
        assertThatThrownBy(() -> new SourceActivity(clock, 3, Duration.ZERO))
                .hasMessageContaining("vigil.sources.quiet-after");
    }
}
