package dev.vigil.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.alerting.Alert;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.features.FeatureVector;
import dev.vigil.features.baseline.Baselines;
import dev.vigil.features.window.GaugeAggregate;
import dev.vigil.features.window.LogLevelAggregate;
import dev.vigil.features.window.TumblingWindows;
import dev.vigil.ingest.LogEvent;
import dev.vigil.ingest.Observation;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Score;
import dev.vigil.scoring.cusum.CusumScorer;
import dev.vigil.scoring.robustz.RobustZScorer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Events in, alerts out: windows per entity, a baseline per entity and feature, one detector per kind of stream
 * (robust z and CUSUM on the window mean of a metric; on the error count of a service's logs), and the alert
 * lifecycle. Plain method calls, no per-event exchange: the routes hand it whole batches.
 */
@ApplicationScoped
public class DetectionPipeline {

    static final String METRIC_DETECTOR = "metric-baseline";
    static final String LOG_DETECTOR = "log-errors";

    private final Clock clock = Clock.systemUTC();
    private final TumblingWindows<Observation> metricWindows;
    private final TumblingWindows<LogEvent> logWindows;
    private final Baselines baselines;
    private final Detector metricDetector;
    private final Detector logDetector;
    private final AlertLifecycle lifecycle;
    private final MeterRegistry registry;

    public DetectionPipeline(DetectionConfig config, MeterRegistry registry,
            @ConfigProperty(name = "vigil.alerting.anomalous-windows") int anomalousWindows,
            @ConfigProperty(name = "vigil.alerting.of-last-windows") int ofLastWindows,
            @ConfigProperty(name = "vigil.alerting.recovery-windows") int recoveryWindows) {
        this.registry = registry;
        this.metricWindows = new TumblingWindows<>(config.window(), config.idleTimeout(), GaugeAggregate::new);
        this.logWindows = new TumblingWindows<>(config.window(), config.idleTimeout(), LogLevelAggregate::new);
        this.baselines = new Baselines(config.baselineWindows());
        var robustZ = new RobustZScorer(config.robustZ().threshold());
        this.metricDetector = new Detector(METRIC_DETECTOR, GaugeAggregate.MEAN, FeatureKind.GAUGE,
                config.minBaselineWindows(), List.of(robustZ, new CusumScorer(config.cusum().k(), config.cusum().h())));
        this.logDetector = new Detector(LOG_DETECTOR, LogLevelAggregate.ERROR_COUNT, FeatureKind.COUNT,
                config.minBaselineWindows(), List.of(robustZ, new CusumScorer(config.cusum().k(), config.cusum().h())));
        this.lifecycle = new AlertLifecycle(new ConfirmationPolicy(anomalousWindows, ofLastWindows, recoveryWindows));
        registry.gauge("vigil.windows.late.events", metricWindows, w -> w.lateEvents() + 0.0);
        registry.gauge("vigil.windows.late.log.events", logWindows, w -> w.lateEvents() + 0.0);
        registry.gauge("vigil.baselines", baselines, b -> b.size() + 0.0);
    }

    public List<Alert> onObservations(List<Observation> batch) {
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        for (Observation o : batch) {
            score(metricDetector, metricWindows.add(o.source(), o.series(), o.tags(), o.timestamp(), o, now), alerts);
        }
        return alerts;
    }

    public List<Alert> onLogEvents(List<LogEvent> batch) {
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        for (LogEvent e : batch) {
            SortedMap<String, String> labels = new TreeMap<>();
            labels.put("service", e.service());
            score(logDetector, logWindows.add(e.source(), e.service(), labels, e.timestamp(), e, now), alerts);
        }
        return alerts;
    }

    /** Closes the windows of entities that went quiet, so their last window is scored too. */
    public List<Alert> closeIdleWindows() {
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        score(metricDetector, metricWindows.closeIdle(now), alerts);
        score(logDetector, logWindows.closeIdle(now), alerts);
        return alerts;
    }

    private void score(Detector detector, List<FeatureVector> closed, List<Alert> alerts) {
        for (FeatureVector window : closed) {
            var baseline = baselines.statsThenLearn(window.source(), window.entity(), detector.feature(),
                    window.feature(detector.feature()));
            detector.evaluate(window, baseline).ifPresent(score -> {
                count(score);
                lifecycle.onScore(score).ifPresent(alerts::add);
            });
        }
    }

    private void count(Score score) {
        registry.counter("vigil.scores", "detector", score.detector(), "anomalous", String.valueOf(score.anomalous()))
                .increment();
    }
}
