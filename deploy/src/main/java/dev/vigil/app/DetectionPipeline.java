package dev.vigil.app;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.vigil.alerting.Alert;
import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.outbox.Restore;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.detection.ConfiguredDetector;
import dev.vigil.app.detection.DetectionDelay;
import dev.vigil.app.detection.SilenceWatch;
import dev.vigil.app.detection.StateSnapshots;
import dev.vigil.app.users.UserStream;
import dev.vigil.app.logs.LogDetection;
import dev.vigil.app.logs.LogScores;
import dev.vigil.app.logs.LogSettings;
import dev.vigil.app.logs.LogsConfig;
import dev.vigil.features.FeatureVector;
import dev.vigil.features.state.SeriesStates.Silence;
import dev.vigil.features.window.GaugeAggregate;
import dev.vigil.features.window.GroupAggregate;
import dev.vigil.features.window.TumblingWindows;
import dev.vigil.features.window.WindowAggregate;
import dev.vigil.feedback.history.ScoreHistory;
import dev.vigil.ingest.LogEvent;
import dev.vigil.ingest.Observation;
import dev.vigil.ingest.UserEvent;
import dev.vigil.scoring.Score;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorDefinition.Stream;
import dev.vigil.scoring.config.DetectorFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Events in, alerts out. Metric points go into one window per series (read by every metric detector that watches
 * the series' metric) and, for each group detector that names the metric, into one window per group and tag set;
 * log events go to the log stream ({@link LogDetection}: templates, windows per service and template, sessions),
 * user events to the user stream ({@link UserStream}). Each closed window is scored by its detectors, which learn
 * from it, and every score goes through the alert lifecycle. Series that go quiet are scored by the silence watch.
 * What the detectors learned is restored from the database at start and saved on a timer and at shutdown, and so are
 * the alerts that were firing (into the lifecycle, so they go on rather than fire again). Plain method calls,
 * no per-event exchange: the routes hand it whole batches.
 */
@Startup // built at start, so a bad detectors file stops Vigil at once and state is restored before data flows
@ApplicationScoped
public class DetectionPipeline {

    private static final Logger LOG = Logger.getLogger(DetectionPipeline.class);

    private final Clock clock = Clock.systemUTC();
    private final DetectionConfig config;
    private final List<ConfiguredDetector> detectors = new ArrayList<>();
    private final List<ConfiguredDetector> metricDetectors = new ArrayList<>();
    private final Map<ConfiguredDetector, TumblingWindows<Observation>> groupWindows = new LinkedHashMap<>();
    /** vigil_scoring_seconds{detector}: how long a detector takes to score one window (Grafana shows its quantiles). */
    private final Map<ConfiguredDetector, Timer> scoringTimers = new LinkedHashMap<>();
    private final TumblingWindows<Observation> metricWindows;
    private final LogDetection logs;
    private final SilenceWatch silences;
    private final AlertLifecycle lifecycle;
    private final StateSnapshots snapshots;
    private final MeterRegistry registry;
    private final UserStream users;
    private final DetectionDelay delay;
    /** Every score is stored for tuning, reports and the export, off this thread (feedback-module). */
    @Inject
    ScoreHistory history;

    public DetectionPipeline(DetectionConfig config, LogsConfig logsConfig, MeterRegistry registry, DataSource dataSource,
            AlertingConfig alerting, AlertStore alertStore, UserStream users,
            @ConfigProperty(name = "vigil.alerting.anomalous-windows") int anomalousWindows,
            @ConfigProperty(name = "vigil.alerting.of-last-windows") int ofLastWindows,
            @ConfigProperty(name = "vigil.alerting.recovery-windows") int recoveryWindows) {
        this.config = config;
        this.registry = registry;
        this.users = users;
        this.delay = new DetectionDelay(registry, clock);
        DetectorConfigLoader loader = new DetectorConfigLoader();
        List<DetectorDefinition> definitions = config.config().map(loader::load).orElseGet(loader::loadDefault);
        this.metricWindows = windows(GaugeAggregate::new);
        this.snapshots = new StateSnapshots(dataSource);
        List<ConfiguredDetector> logSeries = new ArrayList<>();
        for (DetectorDefinition definition : definitions) {
            if (definition.modelled()) {
                continue; // a log model, built by the log stream
            }
            ConfiguredDetector detector = ConfiguredDetector.of(definition, DetectorFactory.create(definition));
            detectors.add(detector);
            if (LogDetection.reads(definition)) {
                logSeries.add(detector);
            } else if (definition.group()) {
                groupWindows.put(detector, windows(GroupAggregate::new));
            } else {
                metricDetectors.add(detector);
            }
            restore(detector);
            registry.gauge("vigil.detector.series", Tags.of("detector", detector.name()), detector.detector().states(),
                    s -> s.size());
            scoringTimers.put(detector, Timer.builder("vigil.scoring").tag("detector", detector.name())
                    .description("Time to score one closed window").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofMillis(100))
                    .register(registry));
        }
        this.logs = new LogDetection(LogSettings.from(logsConfig), config.window(), config.allowedLateness(),
                config.idleTimeout(), logSeries, definitions.stream().filter(DetectorDefinition::modelled).toList());
        restoreLogs();
        this.silences = new SilenceWatch(config.silence().factor(), config.silence().minimumGap(), clock.instant(),
                recoveryWindows);
        this.lifecycle = new AlertLifecycle(new ConfirmationPolicy(anomalousWindows, ofLastWindows, recoveryWindows),
                alerting.lifecycle(), alerting.severity());
        restoreFiring(alertStore);
        registry.gauge("vigil.windows.late.events", metricWindows, w -> w.lateEvents() + 0.0);
        registry.gauge("vigil.alerting.fingerprints", lifecycle, l -> l.size() + 0.0);
        registry.gauge("vigil.windows.late.log.events", logs, l -> l.lateEvents() + 0.0);
        registry.gauge("vigil.logs.templates", logs, l -> l.templates() + 0.0);
        registry.gauge("vigil.logs.sessions.open", logs, l -> l.openSessions() + 0.0);
    }

    private TumblingWindows<Observation> windows(Supplier<WindowAggregate<Observation>> aggregates) {
        return new TumblingWindows<>(config.window(), config.allowedLateness(), config.idleTimeout(), aggregates);
    }

    public List<Alert> onObservations(List<Observation> batch) {
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        for (Observation o : batch) {
            String metric = GroupAggregate.metric(o.series());
            if (metricDetectors.stream().anyMatch(d -> d.watches(metric))) {
                List<FeatureVector> closed = metricWindows.add(o.source(), o.series(), o.tags(), o.timestamp(), o, now);
                scoreMetricWindows(closed, alerts);
                if (!closed.isEmpty()) {
                    delay.closedBy(o.timestamp());
                }
            }
            groupWindows.forEach((detector, windows) -> {
                if (detector.watches(metric)) {
                    String entity = Observation.seriesName(detector.name(), o.tags());
                    score(detector, windows.add(o.source(), entity, o.tags(), o.timestamp(), o, now), alerts);
                }
            });
        }
        return alerts;
    }

    public List<Alert> onLogEvents(List<LogEvent> batch) {
        List<Alert> alerts = new ArrayList<>();
        logs.onEvents(batch, clock.instant(), logScores(alerts));
        return alerts;
    }

    /** User and authentication events: their users' and addresses' windows, judged by the users detectors. */
    public List<Alert> onUserEvents(List<UserEvent> batch) {
        List<Alert> alerts = new ArrayList<>();
        users.onEvents(batch, clock.instant(), (score, features) -> lifecycle(score, features, alerts));
        return alerts;
    }

    /**
     * Closes the windows of entities that went quiet, so their last window is scored too; reports series silent for
     * longer than their rhythm allows (against the wall clock); forgets series no window has touched for
     * {@code evict-after} (wall clock); resolves firing alerts no longer scored at all and forgets quiet fingerprints
     * (the alerting file's {@code resolve-when-quiet}, {@code forget-after}).
     */
    public List<Alert> closeIdleWindows() {
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        scoreMetricWindows(metricWindows.closeIdle(now), alerts);
        groupWindows.forEach((detector, windows) -> score(detector, windows.closeIdle(now), alerts));
        logs.closeIdle(now, logScores(alerts));
        if (config.silence().enabled()) {
            List<Silence> silent = new ArrayList<>();
            for (ConfiguredDetector detector : detectors) {
                if (detector.definition().stream() == Stream.LOG_TEMPLATES) {
                    continue; // a template that stops is judged by its count; a service that stops, by its own series
                }
                silent.addAll(detector.detector().states().silentSince(now, config.silence().factor(), config.silence().minimumGap()));
            }
            for (Score score : silences.silent(silent, now)) {
                lifecycle(score, alerts);
            }
        }
        for (ConfiguredDetector detector : detectors) {
            detector.detector().states().evictIdle(now.minus(config.evictAfter()));
        }
        users.closeIdle(now, now.minus(config.evictAfter()), (score, features) -> lifecycle(score, features, alerts));
        for (Alert quiet : lifecycle.sweep(now)) {
            LOG.infof("Alert %s (%s) resolved: its entity has not been scored since %s", quiet.id(), quiet.entity(),
                    quiet.endsAt());
            alerts.add(quiet);
        }
        return alerts;
    }

    /** The detectors, in the order of the detectors file: what feedback changes and reads (thresholds, baselines). */
    public List<ConfiguredDetector> detectors() {
        return List.copyOf(detectors);
    }

    /** Saves every detector's learned state; called on a timer and at shutdown. */
    public void saveState() {
        for (ConfiguredDetector detector : detectors) {
            try {
                snapshots.save(detector.name(), detector.detector().states());
            } catch (SQLException | RuntimeException e) {
                LOG.errorf(e, "Could not save the state of detector %s; the last saved state stays", detector.name());
            }
        }
        users.saveState();
        try {
            logs.save(snapshots);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Could not save the log templates; the last saved ones stay");
        }
    }

    /** At the start of shutdown, while the database is still open. */
    void saveOnShutdown(@Observes ShutdownEvent event) {
        saveState();
    }

    private void restore(ConfiguredDetector detector) {
        try {
            int series = snapshots.restore(detector.name(), detector.detector().states());
            if (series > 0) {
                LOG.infof("Detector %s restored what %d series had learned", detector.name(), series);
            }
        } catch (SQLException e) {
            LOG.errorf(e, "Could not read the saved state of detector %s: it relearns from scratch", detector.name());
        }
    }

    /** Alerts firing at the last stop go on under their ids instead of firing again as new alerts. */
    private void restoreFiring(AlertStore alertStore) {
        try {
            Restore.lifecycle(lifecycle, alertStore);
        } catch (SQLException e) {
            LOG.errorf(e, "Could not read the firing alerts: incidents open at the last stop may fire again");
        }
    }

    private void restoreLogs() {
        try {
            logs.restore(snapshots);
        } catch (SQLException e) {
            LOG.errorf(e, "Could not read the saved log templates: they are relearned from scratch");
        }
    }

    /** The log stream's results: a service heard again may resolve its silence; every score goes through the lifecycle. */
    private LogScores logScores(List<Alert> alerts) {
        return new LogScores() {
            @Override
            public void heard(FeatureVector window) {
                silences.heard(window.source(), window.entity(), window.windowEnd()).ifPresent(s -> lifecycle(s, alerts));
            }

            @Override
            public void score(Score score) {
                lifecycle(score, alerts);
            }

            @Override
            public void kept(Score score) {
                record(score, Map.of());
            }

            @Override
            public void closedBy(Instant eventTime) {
                delay.closedBy(eventTime);
            }
        };
    }

    private void scoreMetricWindows(List<FeatureVector> closed, List<Alert> alerts) {
        for (FeatureVector window : closed) {
            String metric = GroupAggregate.metric(window.entity());
            for (ConfiguredDetector detector : metricDetectors) {
                if (detector.watches(metric)) {
                    score(detector, List.of(window), alerts);
                }
            }
        }
    }

    private void score(ConfiguredDetector detector, List<FeatureVector> closed, List<Alert> alerts) {
        for (FeatureVector window : closed) {
            silences.heard(window.source(), window.entity(), window.windowEnd()).ifPresent(s -> lifecycle(s, alerts));
            Optional<Score> score = scoringTimers.get(detector).record(() -> detector.detector().evaluate(window));
            score.ifPresent(s -> lifecycle(s, window.features(), alerts));
        }
    }

    /** A score without a window (silence, ...): the history keeps the features its explanation scored. */
    private void lifecycle(Score score, List<Alert> alerts) {
        lifecycle(score, Map.of(), alerts);
    }

    private void lifecycle(Score score, Map<String, Double> features, List<Alert> alerts) {
        record(score, features);
        lifecycle.onScore(score).ifPresent(alerts::add);
    }

    /** Counts a score and keeps it in the score history. */
    private void record(Score score, Map<String, Double> features) {
        registry.counter("vigil.scores", "detector", score.detector(), "anomalous", String.valueOf(score.anomalous()))
                .increment();
        history.record(score, features);
    }
}
