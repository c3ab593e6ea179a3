package dev.vigil.alerting.maintenance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import dev.vigil.alerting.matcher.Matchers;

/**
 * A time during which alerts its matchers match are not notified: once ({@code from} .. {@code until}) or every week
 * on some days between two times of day in a time zone (a window whose end is before its start runs past midnight,
 * and counts for the day it starts on). A resolve is never muted.
 *
 * @param name     for logs and the config
 * @param matchers empty: every alert
 * @param from     one-off start, or null for a weekly window
 * @param until    one-off end (exclusive)
 * @param days     weekly: the days it starts on
 * @param start    weekly: start time of day
 * @param end      weekly: end time of day (exclusive)
 */
public record MaintenanceWindow(String name, Matchers matchers, Instant from, Instant until, Set<DayOfWeek> days,
        LocalTime start, LocalTime end, ZoneId zone) {

    public MaintenanceWindow {
        days = days == null ? Set.of() : Set.copyOf(days);
    }

    public static MaintenanceWindow once(String name, Matchers matchers, Instant from, Instant until) {
        return new MaintenanceWindow(name, matchers, from, until, Set.of(), null, null, null);
    }

    public static MaintenanceWindow weekly(String name, Matchers matchers, Set<DayOfWeek> days, LocalTime start,
            LocalTime end, ZoneId zone) {
        return new MaintenanceWindow(name, matchers, null, null, days, start, end, zone);
    }

    public boolean activeAt(Instant at) {
        if (from != null) {
            return !at.isBefore(from) && at.isBefore(until);
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!end.isBefore(start)) {
            return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        // past midnight: the evening part belongs to today, the morning part to yesterday's window
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start)
                || days.contains(local.getDayOfWeek().minus(1)) && time.isBefore(end);
    }
}
