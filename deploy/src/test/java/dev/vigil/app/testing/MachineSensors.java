package dev.vigil.app.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The sensors of milling machines, a reading every 20 s (three to a one-minute window): vibration (mm/s), spindle
 * current (A) and bearing temperature (°C), each a slow cycle with noise, seeded per machine so every run sends the
 * same readings. The injected incident is a loose bearing: vibration swings 1.2 mm/s and the spindle current 3 A above
 * and below their usual values in turn, so each window's means stay where they were (a scorer of window means sees
 * nothing) while their minimum and maximum leave their range.
 */
public final class MachineSensors {

    public static final String SITE = "plant-1";
    public static final List<String> METRICS = List.of("vibration", "spindle_current", "bearing_temperature");
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final double VIBRATION_SWING = 1.2;
    private static final double CURRENT_SWING = 3.0;

    /** One reading, as MQTT carries it on {@code vigil/sensors/<site>/<device>}. */
    public record Reading(Instant at, String device, String metric, double value) {

        public String topic() {
            return "vigil/sensors/" + SITE + "/" + device;
        }

        public String json() {
            return String.format(Locale.ROOT, "{\"metric\":\"%s\",\"value\":%.4f,\"ts\":\"%s\"}", metric, value, at);
        }
    }

    /** From which minute, for how many, and on which machine the bearing is loose. */
    public record Incident(String device, int fromMinute, int minutes) {

        boolean covers(String device, int minute) {
            return this.device.equals(device) && minute >= fromMinute && minute < fromMinute + minutes;
        }
    }

    private MachineSensors() {
    }

    /**
     * The readings of minutes {@code [from, to)} after {@code start}, in time order, machines interleaved; the noise of
     * a minute does not depend on {@code from}, so two calls over adjacent minutes give one continuous history.
     */
    public static List<Reading> readings(List<String> devices, Instant start, int from, int to, Incident incident) {
        List<Reading> readings = new ArrayList<>();
        for (int minute = from; minute < to; minute++) {
            for (int step = 0; step < 3; step++) {
                Instant at = start.plus(Duration.ofMinutes(minute)).plus(STEP.multipliedBy(step));
                for (String device : devices) {
                    Random noise = new Random(device.hashCode() * 1_000_003L + minute * 3L + step);
                    double hours = (minute + step / 3.0) / 60.0;
                    double vibration = 2.0 + 0.15 * Math.sin(2 * Math.PI * hours * 2) + 0.05 * noise.nextGaussian();
                    double current = 12 + Math.sin(2 * Math.PI * hours / 0.75) + 0.2 * noise.nextGaussian();
                    if (incident != null && incident.covers(device, minute)) {
                        int sign = step == 0 ? 1 : step == 1 ? -1 : 0;
                        vibration += sign * VIBRATION_SWING;
                        current += sign * CURRENT_SWING;
                    }
                    double temperature = 55 + 2 * Math.sin(2 * Math.PI * hours) + 0.1 * noise.nextGaussian();
                    readings.add(new Reading(at, device, "vibration", vibration));
                    readings.add(new Reading(at, device, "spindle_current", current));
                    readings.add(new Reading(at, device, "bearing_temperature", temperature));
                }
            }
        }
        return readings;
    }
}
