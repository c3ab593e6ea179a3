package dev.vigil.detection;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.detection.logs.LogSettings;
import dev.vigil.detection.logs.LogStream;
import dev.vigil.detection.metrics.MetricStream;
import dev.vigil.detection.quiet.QuietWatch;
import dev.vigil.detection.state.StateSnapshots;
import dev.vigil.detection.state.StateSnapshots.Snapshotted;
import dev.vigil.detection.users.UserSettings;
import dev.vigil.detection.users.UserStream;
import dev.vigil.features.state.SeriesStates.Silence;
import dev.vigil.ingest.LogEvent;
import dev.vigil.ingest.Observation;
import dev.vigil.ingest.UserEvent;
import dev.vigil.scoring.Score;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorDefinition.Stream;
import dev.vigil.scoring.config.DetectorFactory;
import dev.vigil.scoring.users.UserDetectorDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jboss.logging.Logger;

/**
 * Events in, scores out: the three streams ({@link MetricStream}, {@link LogStream}, {@link UserStream}) behind one
 * contract, the watch on series that go quiet ({@link QuietWatch}), and the learned state of every stream, restored
 * from the database when the engine is built and saved by {@link #saveState()}. Nothing here knows of alerts: every
 * score goes back to the caller, who hands it to alerting. Plain method calls, no per-event exchange: the routes hand
 * it whole batches. Thread-safe.
 */
public final class DetectionEngine {

    private static final Logger LOG = Logger.getLogger(DetectionEngine.class);

    private final Clock clock;
    private final DetectionSettings settings;
    private final List<ConfiguredDetector> detectors = new ArrayList<>();
    private final MetricStream metrics;
    private final LogStream logs;
    private final UserStream users;
    private final List<EventStream<?>> streams;
    private final QuietWatch quiet;
    private final StateSnapshots snapshots;

    /**
     * Builds every detector of the detectors file into its stream and restores what each stream had learned.
     *
     * @param definitions     the metric and log detectors, in the order of the detectors file
     * @param userDefinitions the users detectors
     */
    public DetectionEngine(DetectionSettings settings, List<DetectorDefinition> definitions,
            List<UserDetectorDefinition> userDefinitions, LogSettings logSettings, UserSettings userSettings,
            StateSnapshots snapshots, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.snapshots = snapshots;
        DetectionDelay delay = new DetectionDelay(registry, clock);
        List<ConfiguredDetector> metricDetectors = new ArrayList<>();
        List<ConfiguredDetector> logDetectors = new ArrayList<>();
        for (DetectorDefinition definition : definitions) {
            if (definition.modelled()) {
                continue; // a log model, built by the log stream
            }
            ConfiguredDetector detector = ConfiguredDetector.of(definition, DetectorFactory.create(definition));
            detectors.add(detector);
            (definition.stream() == Stream.METRICS ? metricDetectors : logDetectors).add(detector);
            registry.gauge("vigil.detector.series", Tags.of("detector", detector.name()), detector.detector().states(),
                    s -> s.size());
        }
        this.metrics = new MetricStream(metricDetectors, settings, delay, registry);
        this.logs = new LogStream(logSettings, settings, logDetectors,
                definitions.stream().filter(DetectorDefinition::modelled).toList(), delay);
        this.users = new UserStream(userSettings, settings, userDefinitions, registry);
        this.streams = List.of(metrics, logs, users);
        this.quiet = new QuietWatch(settings.quiet().factor(), settings.quiet().minimumGap(), clock.instant(),
                settings.recoveryWindows());
        registry.gauge("vigil.logs.templates", logs, l -> l.templates() + 0.0);
        registry.gauge("vigil.logs.sessions.open", logs, l -> l.openSessions() + 0.0);
        registry.gauge("vigil.windows.late.log.events", logs, l -> l.lateEvents() + 0.0);
        restoreState();
    }

    /** Metric points: the scores of the windows they closed. */
    public List<Score> onObservations(List<Observation> batch) {
        return heard(metrics.onEvents(batch, clock.instant()));
    }

    /** Log events: the scores of the service windows they closed. */
    public List<Score> onLogEvents(List<LogEvent> batch) {
        return heard(logs.onEvents(batch, clock.instant()));
    }

    /** User and authentication events: the scores of the users' and addresses' windows they closed. */
    public List<Score> onUserEvents(List<UserEvent> batch) {
        return users.onEvents(batch, clock.instant());
    }

    /**
     * Closes the windows of entities that went quiet, so their last window is scored too; reports series quiet for
     * longer than their rhythm allows (against the wall clock); forgets series no window has touched for
     * {@code evict-after} (wall clock).
     */
    public List<Score> closeIdle() {
        Instant now = clock.instant();
        Instant evictBefore = now.minus(settings.evictAfter());
        List<Score> scores = new ArrayList<>();
        for (EventStream<?> stream : streams) {
            List<Score> closed = stream.closeIdle(now, evictBefore);
            scores.addAll(stream == users ? closed : heard(closed));
        }
        if (settings.quiet().enabled()) {
            List<Silence> silent = new ArrayList<>();
            for (ConfiguredDetector detector : detectors) {
                if (detector.definition().stream() == Stream.LOG_TEMPLATES) {
                    continue; // a template that stops is judged by its count; a service that stops, by its own series
                }
                silent.addAll(detector.detector().states().silentSince(now, settings.quiet().factor(),
                        settings.quiet().minimumGap()));
            }
            scores.addAll(quiet.silent(silent, now));
        }
        return scores;
    }

    /**
     * Every scored window was heard from: a series reported quiet that is heard again owes the alert lifecycle the
     * normal scores that resolve it.
     */
    private List<Score> heard(List<Score> scores) {
        if (scores.isEmpty()) {
            return scores;
        }
        List<Score> all = new ArrayList<>(scores.size());
        for (Score score : scores) {
            quiet.heard(score.source(), score.entity(), score.timestamp()).ifPresent(all::add);
            all.add(score);
        }
        return all;
    }

    /** The metric and log detectors with scorers, in the order of the detectors file: what feedback changes and reads. */
    public List<ConfiguredDetector> detectors() {
        return List.copyOf(detectors);
    }

    /** The users stream, whose PMML models the API lists and the model timer refreshes. */
    public UserStream users() {
        return users;
    }

    /** Saves every stream's learned state; a part that cannot be saved is logged and the last saved one stays. */
    public void saveState() {
        for (EventStream<?> stream : streams) {
            for (Map.Entry<String, Snapshotted> part : stream.state().entrySet()) {
                try {
                    snapshots.save(part.getKey(), part.getValue());
                } catch (SQLException | RuntimeException e) {
                    LOG.errorf(e, "Could not save the state of %s; the last saved state stays", part.getKey());
                }
            }
        }
    }

    private void restoreState() {
        for (EventStream<?> stream : streams) {
            for (Map.Entry<String, Snapshotted> part : stream.state().entrySet()) {
                try {
                    int restored = snapshots.restore(part.getKey(), part.getValue());
                    if (restored > 0) {
                        LOG.infof("Restored what %s had learned (%d entries)", part.getKey(), restored);
                    }
                } catch (SQLException e) {
                    LOG.errorf(e, "Could not read the saved state of %s: it relearns from scratch", part.getKey());
                }
            }
        }
    }
}
