package dev.vigil.alerting.maintenance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import dev.vigil.alerting.matcher.Matchers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceWindowTest {

    @Test
    void aWeeklyWindowPastMidnightInItsTimeZone() {
        // Saturdays 22:00-02:00 Berlin (UTC+1 in January)
        MaintenanceWindow w = MaintenanceWindow.weekly("patch", Matchers.ANY, Set.of(DayOfWeek.SATURDAY),
                LocalTime.of(22, 0), LocalTime.of(2, 0), ZoneId.of("Europe/Berlin"));
        assertThat(w.activeAt(Instant.parse("2026-01-10T20:59:59Z"))).isFalse();
        assertThat(w.activeAt(Instant.parse("2026-01-10T21:00:00Z"))).isTrue();
        assertThat(w.activeAt(Instant.parse("2026-01-11T00:59:59Z"))).as("Sunday 01:59 Berlin").isTrue();
        assertThat(w.activeAt(Instant.parse("2026-01-11T01:00:00Z"))).isFalse();
        assertThat(w.activeAt(Instant.parse("2026-01-11T21:30:00Z"))).as("Sunday evening").isFalse();
    }

    @Test
    void aOneOffWindowEndsExclusively() {
        MaintenanceWindow w = MaintenanceWindow.once("m", Matchers.ANY, Instant.parse("2026-03-01T20:00:00Z"),
                Instant.parse("2026-03-01T23:00:00Z"));
        assertThat(w.activeAt(Instant.parse("2026-03-01T20:00:00Z"))).isTrue();
        assertThat(w.activeAt(Instant.parse("2026-03-01T23:00:00Z"))).isFalse();
    }
}
