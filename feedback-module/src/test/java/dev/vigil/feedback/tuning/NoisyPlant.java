package dev.vigil.feedback.tuning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.feedback.history.HistoryStore;
import dev.vigil.feedback.history.ScoredWindow;
import dev.vigil.scoring.Detector;

/**
 * Sensors with flaky stretches and a few real incidents, run window by window through a real detector and the live
 * alert lifecycle, with every window stored in the score history and every alert in the alert table, as the
 * pipeline does. Each sensor reads 50 plus Gaussian noise (sigma 1); a flaky stretch (started with probability
 * {@link #FLAKY_START} per window, three windows long) has four times the noise, which the robust z of the detector
 * keeps calling anomalous: that is the noise the budget is meant to cut. An incident is a level 30 above for
 * {@link #INCIDENT_WINDOWS} windows.
 */
final class NoisyPlant {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final double FLAKY_START = 0.04;
    static final int INCIDENT_WINDOWS = 8;

    /** An injected incident: a sensor and the windows it lasts. */
    record Incident(String entity, Instant from, Instant to) {

        boolean covers(Alert alert) {
            return alert.entity().equals(entity) && !alert.startsAt().isAfter(to)
                    && (alert.endsAt() == null || !alert.endsAt().isBefore(from));
        }
    }

    private final Random random = new Random(20261203);
    private final List<String> sensors = new ArrayList<>();
    private final Map<String, Integer> flakyLeft = new HashMap<>();
    private final Detector detector;
    private final AlertLifecycle lifecycle;
    private final AlertStore alerts;
    private final HistoryStore history;
    private final List<Incident> incidents = new ArrayList<>();
    /** Every incident the lifecycle raised, in the order raised, as it is now (resolved once it resolved). */
    final Map<String, Alert> raised = new java.util.LinkedHashMap<>();

    NoisyPlant(int sensors, Detector detector, AlertLifecycle lifecycle, AlertStore alerts, HistoryStore history) {
        for (int i = 1; i <= sensors; i++) {
            this.sensors.add("temperature{device=sensor-" + i + ",site=plant-1}");
        }
        this.detector = detector;
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.history = history;
    }

    void incident(int sensor, Instant from) {
        incidents.add(new Incident(sensors.get(sensor - 1), from, from.plus(WINDOW.multipliedBy(INCIDENT_WINDOWS - 1))));
    }

    List<Incident> incidents() {
        return incidents;
    }

    /** Runs every window in {@code [from, to)} of every sensor; returns the new alerts raised. */
    List<Alert> run(Instant from, Instant to) throws Exception {
        List<String> fresh = new ArrayList<>();
        List<ScoredWindow> rows = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(WINDOW)) {
            for (String sensor : sensors) {
                FeatureVector window = new FeatureVector("mqtt", sensor,
                        new TreeMap<>(Map.of("device", sensor.substring(19, sensor.indexOf(',')), "site", "plant-1")),
                        start, start.plus(WINDOW), Map.of("mean", value(sensor, start.plus(WINDOW)), "count", 10.0));
                Optional<Score> score = detector.evaluate(window);
                if (score.isEmpty()) {
                    continue;
                }
                rows.add(ScoredWindow.of(score.get(), window.features(),
                        detector.thresholds().of(sensor).value()));
                Optional<Alert> alert = lifecycle.onScore(score.get());
                if (alert.isPresent()) {
                    alerts.save(alert.get());
                    if (raised.put(alert.get().id(), alert.get()) == null) {
                        fresh.add(alert.get().id());
                    }
                }
            }
            if (rows.size() >= 2000) {
                history.insert(rows);
                rows.clear();
            }
        }
        history.insert(rows);
        return fresh.stream().map(raised::get).toList();
    }

    private double value(String sensor, Instant windowEnd) {
        for (Incident incident : incidents) {
            if (incident.entity().equals(sensor) && !windowEnd.isBefore(incident.from()) && !windowEnd.isAfter(incident.to())) {
                return 80 + random.nextGaussian();
            }
        }
        int left = flakyLeft.getOrDefault(sensor, 0);
        if (left == 0 && random.nextDouble() < FLAKY_START) {
            left = 3;
        }
        flakyLeft.put(sensor, Math.max(0, left - 1));
        return 50 + random.nextGaussian() * (left > 0 ? 4 : 1);
    }
}
