package dev.vigil.detection;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionDelayTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void recordsHowLongAfterTheClosingEventsTimeTheWindowWasScoredAndSkipsEventsFromTheFuture() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DetectionDelay delay = new DetectionDelay(registry, Clock.fixed(NOW, ZoneOffset.UTC));

        delay.closedBy(NOW.minusMillis(40));
        delay.closedBy(NOW.minusMillis(10));
        delay.closedBy(NOW.plusMillis(5)); // a producer's clock ahead of ours: not a delay of Vigil's

        Timer timer = registry.get("vigil.detection.delay").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(50);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(40);
    }
}
