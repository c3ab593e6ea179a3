package dev.vigil.app.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

/**
 * An incident storm, generated: one site's sensors read every minute for {@code hours}, each around its own level
 * with noise and the odd lone spike (what per-window alerting pages on and confirmation does not), until, at
 * {@code stormAt}, all of them break at once (within a few minutes of each other) and stay broken for
 * {@code stormLength}. Quiet hours lie before and after it. The storm is the one labelled incident. Deterministic for
 * a seed.
 */
final class StormScenario {

    static final String SITE = "plant-9";
    /** How many sensors break per minute: the storm spreads over this many minutes. */
    private static final int STAGGER_MINUTES = 3;
    /** A lone spike's chance per reading, and its height in units of the sensor's noise. */
    private static final double SPIKE_CHANCE = 0.002;
    private static final double SPIKE = 7;
    /** How far the storm shifts a sensor, in units of its noise. */
    private static final double BREAK = 12;

    private StormScenario() {
    }

    static AlertQuality.Scenario of(int sensors, Instant start, int hours, Duration stormAt, Duration stormLength, long seed) {
        Random random = new Random(seed);
        List<AlertQuality.Series> series = new ArrayList<>();
        Instant stormStart = start.plus(stormAt);
        Instant stormEnd = stormStart.plus(stormLength);
        int minutes = hours * 60;
        for (int s = 0; s < sensors; s++) {
            String device = String.format(Locale.ROOT, "sensor-%02d", s + 1);
            double level = 20 + 2 * s;
            double noise = 0.2 + 0.05 * (s % 7);
            Instant breaksAt = stormStart.plus(Duration.ofMinutes(s % STAGGER_MINUTES));
            List<ReplayRow> rows = new ArrayList<>(minutes);
            for (int m = 0; m < minutes; m++) {
                Instant at = start.plus(Duration.ofMinutes(m));
                double value = level + noise * random.nextGaussian();
                if (!at.isBefore(breaksAt) && at.isBefore(stormEnd)) {
                    value += BREAK * noise;
                } else if (random.nextDouble() < SPIKE_CHANCE) {
                    value += SPIKE * noise * (random.nextBoolean() ? 1 : -1);
                }
                String cell = String.format(Locale.ROOT, "%.3f", value);
                rows.add(new ReplayRow(m + 1, at, List.of(at.toString(), cell), new double[] {value}));
            }
            TreeMap<String, String> labels = new TreeMap<>();
            labels.put("device", device);
            labels.put("site", SITE);
            series.add(new AlertQuality.Series(labels, new ReplayTable(Path.of("storm", device + ".csv"),
                    List.of("timestamp", "temperature"), List.of("temperature"), rows)));
        }
        return new AlertQuality.Scenario(String.format(Locale.ROOT, "storm: %d sensors of %s, %d h", sensors, SITE, hours),
                series, List.of(new AlertQuality.Incident(stormStart, stormEnd)));
    }
}
