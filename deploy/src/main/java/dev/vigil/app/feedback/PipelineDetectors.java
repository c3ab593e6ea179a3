package dev.vigil.app.feedback;

import java.util.List;

import dev.vigil.app.DetectionPipeline;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.scoring.ThresholdFactors;
import jakarta.enterprise.context.ApplicationScoped;

/** The detection pipeline's detectors, for feedback-module (tuning, baseline resets, the history, the report). */
@ApplicationScoped
public class PipelineDetectors implements LiveDetectors {

    private final DetectionPipeline pipeline;
    private volatile List<LiveDetector> all;

    public PipelineDetectors(DetectionPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public List<LiveDetector> all() {
        List<LiveDetector> known = all;
        if (known == null) {
            // the pipeline builds its detectors once, at start: read them once
            known = pipeline.detectors().stream().map(d -> new LiveDetector(d.definition(), d.detector())).toList();
            all = known;
        }
        return known;
    }

    @Override
    public ThresholdFactors.Factor factorOf(String detector, String entity) {
        // on the scoring path for every window: a plain loop over a handful of detectors, no stream
        for (LiveDetector d : all()) {
            if (d.name().equals(detector)) {
                return d.detector().thresholds().of(entity);
            }
        }
        return ThresholdFactors.Factor.NONE;
    }
}
