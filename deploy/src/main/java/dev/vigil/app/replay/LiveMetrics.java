package dev.vigil.app.replay;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.contracts.Observation;
import dev.vigil.detection.ConfiguredDetector;
import dev.vigil.detection.DetectionDelay;
import dev.vigil.detection.DetectionSettings;
import dev.vigil.detection.metrics.MetricStream;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.pmml.ModelSlot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Where replay meets detection, and the only place: the detector is built from its definition as the live engine
 * builds it, and judged through the live metric stream ({@link MetricStream}: its windows, its routing of each metric
 * to the series and group detectors that watch it, their scoring and learning). Whatever the detectors file defines
 * for the metrics stream, series or group detectors and any kind added later, so replays as it runs live. A file's
 * metric columns are the stream's metrics, all with the same tags: for a series detector each is a series of its
 * own, for a group detector they are one entity. One instance per file: its learned state starts empty.
 */
final class LiveMetrics {

    static final String SOURCE = "replay";
    /**
     * What replay passes as {@code evictBefore} to {@link MetricStream#closeIdle}: it forgets no series (their last
     * use is wall-clock time, all after this).
     */
    static final Instant NEVER_EVICT = Instant.EPOCH;
    /** Where a detector's PMML model is looked for unless told: the default of {@code vigil.models.folder}. */
    static final Path DEFAULT_MODELS = Path.of("models");

    private final DetectorDefinition definition;
    private final List<ConfiguredDetector> detectors;
    private final MeterRegistry registry = unmeasured();
    private final DetectionDelay delay = new DetectionDelay(registry, Clock.systemUTC());

    /**
     * @param models the models folder, where a detector with a PMML model finds it (loaded once, at the start)
     * @throws IllegalArgumentException for a detector that does not judge metric windows, or whose model cannot be
     *                                  loaded (the reason given)
     */
    LiveMetrics(DetectorDefinition definition, Path models) {
        if (definition.stream() != DetectorDefinition.Stream.METRICS) {
            throw new IllegalArgumentException("detector '" + definition.name() + "' judges "
                    + definition.stream().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " windows; replay runs metric files through a detector of stream: metrics");
        }
        this.definition = definition;
        ConfiguredDetector detector = ConfiguredDetector.build(definition, models, LiveMetrics::unjudged);
        detector.modelSlot().flatMap(ModelSlot::load).filter(change -> change.outcome() != ModelSlot.Outcome.LOADED)
                .ifPresent(change -> {
                    throw new IllegalArgumentException("detector '" + definition.name() + "': " + change.reason());
                });
        this.detectors = List.of(detector);
    }

    /** A window the model could not judge (an input missing): the other scorers judge it, as live; said on stderr. */
    private static void unjudged(String detector, String scorer, String entity, String message) {
        System.err.println("replay: " + message);
    }

    /** Replay reads no meter of the stream's, so they cost nothing: every one is a no-op. */
    private static MeterRegistry unmeasured() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(MeterFilter.deny());
        return registry;
    }

    String detector() {
        return definition.name();
    }

    /** Whether the detector judges a file's metrics together, as one entity, rather than each as a series. */
    boolean group() {
        return definition.group();
    }

    /** The live stream over this detector, with windows of that span, lateness and idle timeout. */
    MetricStream stream(Duration window, Duration allowedLateness, Duration idleTimeout) {
        DetectionSettings settings = new DetectionSettings(window, allowedLateness, idleTimeout, Duration.ZERO,
                new DetectionSettings.Quiet(false, 1, Duration.ZERO), 1);
        return new MetricStream(detectors, settings, delay, registry);
    }

    /**
     * A file's metric columns as the stream's series, all with these tags.
     *
     * @throws ReplayException when the detector watches none of them
     */
    Columns columns(Path file, List<String> metrics, SortedMap<String, String> tags) {
        List<String> watched = metrics.stream().filter(m -> detectors.get(0).watches(m)).toList();
        if (watched.isEmpty()) {
            throw new ReplayException(file, 0, "detector '" + definition.name() + "' watches the metrics "
                    + definition.metrics() + ", and no column of the file " + metrics + " is one of them");
        }
        return new Columns(metrics, tags, watched);
    }

    /** A file's metric columns as series of the live stream: each column a metric, all with the same tags. */
    static final class Columns {

        private final String[] series;
        private final SortedMap<String, String> tags;
        private final List<String> watched;

        private Columns(List<String> metrics, SortedMap<String, String> tags, List<String> watched) {
            this.series = metrics.stream().map(m -> Observation.seriesName(m, tags)).toArray(String[]::new);
            this.tags = new TreeMap<>(tags);
            this.watched = watched;
        }

        /** The columns the detector reads; the others are carried, not scored. */
        List<String> watched() {
            return watched;
        }

        /** The row's points, one per metric with a value. */
        List<Observation> points(ReplayRow row) {
            double[] values = row.values();
            List<Observation> points = new ArrayList<>(values.length);
            for (int m = 0; m < values.length; m++) {
                if (!Double.isNaN(values[m])) {
                    points.add(new Observation(SOURCE, series[m], tags, row.timestamp(), values[m]));
                }
            }
            return points;
        }
    }
}
