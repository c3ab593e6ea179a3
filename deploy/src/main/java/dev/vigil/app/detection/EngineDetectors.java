package dev.vigil.app.detection;

import java.util.List;

import dev.vigil.detection.DetectionEngine;
import dev.vigil.feedback.LiveDetectors;
import jakarta.enterprise.context.ApplicationScoped;

/** The engine's detectors, for feedback-module (tuning, baseline resets, the report). */
@ApplicationScoped
public class EngineDetectors implements LiveDetectors {

    private final List<LiveDetector> all;

    public EngineDetectors(DetectionEngine engine) {
        // the engine builds its detectors once, at start: read them once
        this.all = engine.detectors().stream().map(d -> new LiveDetector(d.name(), d.definition().budget(),
                d.detector().thresholds(), d.detector()::forget)).toList();
    }

    @Override
    public List<LiveDetector> all() {
        return all;
    }
}
