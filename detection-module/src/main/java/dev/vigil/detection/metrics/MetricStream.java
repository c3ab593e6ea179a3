package dev.vigil.detection.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.detection.ConfiguredDetector;
import dev.vigil.detection.DetectionDelay;
import dev.vigil.detection.DetectionSettings;
import dev.vigil.detection.EventStream;
import dev.vigil.detection.EventStream.Taking;
import dev.vigil.detection.state.StateSnapshots;
import dev.vigil.detection.state.StateSnapshots.Snapshotted;
import dev.vigil.features.window.GaugeAggregate;
import dev.vigil.features.window.GroupAggregate;
import dev.vigil.features.window.TumblingWindows;
import dev.vigil.features.window.WindowAggregate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Metric points in, scores out. Each point goes into one window per series, read by every metric detector that
 * watches the series' metric, and, for each group detector that names the metric, into one window per group and tag
 * set (the group's metrics of one entity judged together). A closed window is scored by its detectors, which learn
 * from it. Each detector's series are its learned state, saved under the detector's name. Points go on from the
 * route threads of several sources at once: the windows and each series' state take care of themselves.
 */
public final class MetricStream implements EventStream<Observation> {

    private final List<ConfiguredDetector> seriesDetectors = new ArrayList<>();
    private final Map<ConfiguredDetector, TumblingWindows<Observation>> groupWindows = new LinkedHashMap<>();
    private final TumblingWindows<Observation> seriesWindows;
    /** vigil_scoring_seconds{detector}: how long a detector takes to score one window (Grafana shows its quantiles). */
    private final Map<ConfiguredDetector, Timer> scoringTimers = new LinkedHashMap<>();
    private final DetectionSettings settings;
    private final DetectionDelay delay;

    /** @param detectors the {@code metrics} detectors, in the order of the detectors file */
    public MetricStream(List<ConfiguredDetector> detectors, DetectionSettings settings, DetectionDelay delay,
            MeterRegistry registry) {
        this.settings = settings;
        this.delay = delay;
        this.seriesWindows = windows(GaugeAggregate::new);
        for (ConfiguredDetector detector : detectors) {
            if (detector.definition().group()) {
                // a PMML model reads each member's statistics too; scorers read only the means
                boolean statistics = detector.definition().pmml() != null;
                groupWindows.put(detector, windows(() -> new GroupAggregate(statistics)));
            } else {
                seriesDetectors.add(detector);
            }
            scoringTimers.put(detector, Timer.builder("vigil.scoring").tag("detector", detector.name())
                    .description("Time to score one closed window").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofMillis(100))
                    .register(registry));
        }
        registry.gauge("vigil.windows.late.events", seriesWindows, w -> w.lateEvents() + 0.0);
    }

    private TumblingWindows<Observation> windows(Supplier<WindowAggregate<Observation>> aggregates) {
        return new TumblingWindows<>(settings.window(), settings.allowedLateness(), settings.idleTimeout(), aggregates);
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public Class<Observation> events() {
        return Observation.class;
    }

    @Override
    public List<Score> onEvents(List<Observation> batch, Instant now, long position, List<Observation> held) {
        return take(batch, now, position, Taking.LIVE, held);
    }

    @Override
    public void replay(List<Observation> events, Instant takenAt, long position, boolean learn) {
        Taking taking = Taking.replay(learn);
        List<Score> dropped = new ArrayList<>();
        scoreSeriesWindows(seriesWindows.closeIdle(takenAt), dropped, taking);
        groupWindows.forEach((detector, windows) -> score(detector, windows.closeIdle(takenAt), dropped, taking));
        take(events, takenAt, position, taking, new ArrayList<>());
    }

    @Override
    public void resumeIdleTimeouts(Instant now) {
        seriesWindows.resumeIdleTimeouts(now);
        groupWindows.values().forEach(windows -> windows.resumeIdleTimeouts(now));
    }

    private List<Score> take(List<Observation> batch, Instant now, long position, Taking taking, List<Observation> held) {
        List<Score> scores = new ArrayList<>();
        for (Observation o : batch) {
            String metric = GroupAggregate.metric(o.series());
            boolean kept = false;
            if (watched(metric)) {
                TumblingWindows.Added added = seriesWindows.add(o.source(), o.series(), o.tags(), o.timestamp(), o, now,
                        position);
                scoreSeriesWindows(added.closed(), scores, taking);
                if (!added.closed().isEmpty() && taking == Taking.LIVE) {
                    delay.closedBy(o.timestamp());
                }
                kept = added.held();
            }
            for (Map.Entry<ConfiguredDetector, TumblingWindows<Observation>> group : groupWindows.entrySet()) {
                ConfiguredDetector detector = group.getKey();
                if (detector.watches(metric)) {
                    String entity = Observation.seriesName(detector.name(), o.tags());
                    TumblingWindows.Added added = group.getValue().add(o.source(), entity, o.tags(), o.timestamp(), o,
                            now, position);
                    score(detector, added.closed(), scores, taking);
                    kept |= added.held();
                }
            }
            if (kept) {
                held.add(o);
            }
        }
        return taking == Taking.LIVE ? scores : List.of();
    }

    /** Whether any series detector watches the metric: points of a metric nobody watches open no window. */
    private boolean watched(String metric) {
        for (ConfiguredDetector detector : seriesDetectors) {
            if (detector.watches(metric)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Score> closeIdle(Instant now, Instant evictBefore) {
        List<Score> scores = new ArrayList<>();
        scoreSeriesWindows(seriesWindows.closeIdle(now), scores, Taking.LIVE);
        groupWindows.forEach((detector, windows) -> score(detector, windows.closeIdle(now), scores, Taking.LIVE));
        for (ConfiguredDetector detector : detectors()) {
            detector.detector().evictIdle(evictBefore);
        }
        return scores;
    }

    @Override
    public long oldestOpenPosition() {
        long oldest = seriesWindows.oldestOpenPosition();
        for (TumblingWindows<Observation> windows : groupWindows.values()) {
            oldest = Math.min(oldest, windows.oldestOpenPosition());
        }
        return oldest;
    }

    /**
     * Each detector's series under its name and, for a detector with an ensemble, its entities' members and models
     * under {@code <name>/models}: two parts, so the series of a detector whose models were reconfigured are restored
     * while its models relearn.
     */
    @Override
    public Map<String, Snapshotted> state() {
        Map<String, Snapshotted> state = new LinkedHashMap<>();
        for (ConfiguredDetector d : detectors()) {
            state.put(d.name(), StateSnapshots.of(d.detector().states()));
            if (d.detector().ensemble() != null) {
                state.put(modelsKey(d.name()), StateSnapshots.of(d.detector().ensemble()));
            }
        }
        return state;
    }

    /** The key a detector's ensemble is saved under. */
    public static String modelsKey(String detector) {
        return detector + "/models";
    }

    /** The series detectors, then the group detectors. */
    public List<ConfiguredDetector> detectors() {
        List<ConfiguredDetector> all = new ArrayList<>(seriesDetectors);
        all.addAll(groupWindows.keySet());
        return all;
    }

    private void scoreSeriesWindows(List<FeatureVector> closed, List<Score> scores, Taking taking) {
        for (FeatureVector window : closed) {
            String metric = GroupAggregate.metric(window.entity());
            for (ConfiguredDetector detector : seriesDetectors) {
                if (detector.watches(metric)) {
                    score(detector, List.of(window), scores, taking);
                }
            }
        }
    }

    /** Scores closed windows (the detector learns from each), unless they are only being filled again. */
    private void score(ConfiguredDetector detector, List<FeatureVector> closed, List<Score> scores, Taking taking) {
        if (taking == Taking.FILL) {
            return;
        }
        for (FeatureVector window : closed) {
            scoringTimers.get(detector).record(() -> detector.detector().evaluate(window)).ifPresent(scores::add);
        }
    }
}
