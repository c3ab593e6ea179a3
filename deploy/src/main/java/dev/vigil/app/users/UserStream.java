package dev.vigil.app.users;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import dev.vigil.app.DetectionConfig;
import dev.vigil.app.detection.StateSnapshots;
import dev.vigil.app.detection.StateSnapshots.Snapshotted;
import dev.vigil.features.FeatureVector;
import dev.vigil.features.users.ActionClasses;
import dev.vigil.features.users.EntityKind;
import dev.vigil.features.users.UserActivity;
import dev.vigil.features.users.UserEventCount;
import dev.vigil.features.users.UserWindow;
import dev.vigil.features.window.TumblingWindows;
import dev.vigil.ingest.UserEvent;
import dev.vigil.scoring.Score;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.users.ModelScorer;
import dev.vigil.scoring.users.ScoringProblems;
import dev.vigil.scoring.users.UserDetector;
import dev.vigil.scoring.users.UserDetectorDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * User and authentication events in, scores out. Every event opens (or joins) a window of its user and one of its
 * client address ({@code vigil.users.window}, event time); when an entity's window closes, its activity as of the
 * window's end ({@link UserActivity}) is judged by every users detector of the detectors file, and each score is
 * handed to the pipeline's alert lifecycle. A window is judged before the event that closed it is learned, so a
 * window is never judged on what came after it. What was learned (users' and addresses' activity, each detector's
 * sequence model) is saved with the detectors' state and restored at start. Thread-safe: one batch, idle check or save
 * at a time.
 */
@Startup // a bad users detector stops Vigil at start; models and learned state are loaded before data flows
@ApplicationScoped
public class UserStream {

    /** The row the users' and addresses' activity is saved under (a ':' is in no detector name). */
    static final String ACTIVITY_KEY = "users:activity";
    private static final Logger LOG = Logger.getLogger(UserStream.class);

    private final UserActivity activity;
    private final TumblingWindows<UserEvent> windows;
    private final List<UserDetector> detectors = new ArrayList<>();
    private final UserModels models;
    private final StateSnapshots snapshots;

    public UserStream(DetectionConfig detection, UsersConfig config, ModelsConfig modelsConfig, MeterRegistry registry,
            DataSource dataSource, @ConfigProperty(name = "vigil.alerting.recovery-windows") int recoveryWindows) {
        Duration span = config.window();
        if (span.isZero() || span.isNegative() || span.toSeconds() % 60 != 0 || span.toNanosPart() != 0) {
            throw new IllegalArgumentException("vigil.users.window must be a whole number of minutes, got " + span);
        }
        this.activity = new UserActivity(new ActionClasses(config.loginActions(), config.writeActions()),
                config.timeZone(), config.maxUsers(), config.maxIps(), Clock.systemUTC());
        this.windows = new TumblingWindows<>(span, config.allowedLateness(), detection.idleTimeout(), UserEventCount::new);
        DetectorConfigLoader loader = new DetectorConfigLoader();
        List<UserDetectorDefinition> definitions = detection.config().map(loader::loadUsers)
                .orElseGet(loader::loadDefaultUsers);
        ScoringProblems problems = (detector, scorer, entity, message) -> {
            registry.counter("vigil.model.input.errors", "detector", detector, "scorer", scorer).increment();
            LOG.warnf("Detector %s could not use its %s on %s: %s", detector, scorer, entity, message);
        };
        List<ModelSlot> slots = new ArrayList<>();
        for (UserDetectorDefinition definition : definitions) {
            UserDetector detector = definition.build(modelsConfig.folder(), problems, recoveryWindows);
            detectors.add(detector);
            detector.scorers().stream().filter(ModelScorer.class::isInstance)
                    .forEach(scorer -> slots.add(((ModelScorer) scorer).slot()));
        }
        this.models = new UserModels(slots, registry);
        if (!slots.isEmpty()) {
            try {
                Files.createDirectories(modelsConfig.folder());
            } catch (IOException e) {
                LOG.warnf("Cannot make the models folder %s: %s", modelsConfig.folder(), e.getMessage());
            }
        }
        models.load();
        this.snapshots = new StateSnapshots(dataSource);
        restore(ACTIVITY_KEY, activityState());
        detectors.stream().filter(UserDetector::stateful).forEach(d -> restore(d.name(), detectorState(d)));
        registry.gauge("vigil.users.profiles", Tags.of("entity", "user"), activity, UserActivity::users);
        registry.gauge("vigil.users.profiles", Tags.of("entity", "ip"), activity, UserActivity::ips);
        registry.gauge("vigil.windows.late.user.events", windows, w -> w.lateEvents() + 0.0);
        registry.gauge("vigil.users.open.windows", windows, w -> w.openWindows() + 0.0);
    }

    /**
     * Judges the windows the batch's events close, then learns each event; every score goes to {@code scores} with
     * the window's features (so the score history can export them for training).
     */
    public synchronized void onEvents(List<UserEvent> batch, Instant now, BiConsumer<Score, Map<String, Double>> scores) {
        for (UserEvent event : batch) {
            judge(windows.add(event.source(), EntityKind.USER.entity(event.user()),
                    UserActivity.labels(EntityKind.USER, event.user()), event.timestamp(), event, now), scores);
            judge(windows.add(event.source(), EntityKind.IP.entity(event.ip()),
                    UserActivity.labels(EntityKind.IP, event.ip()), event.timestamp(), event, now), scores);
            activity.observe(event);
        }
    }

    /** Judges the windows of users and addresses that went quiet, and forgets those idle since {@code evictBefore}. */
    public synchronized void closeIdle(Instant now, Instant evictBefore, BiConsumer<Score, Map<String, Double>> scores) {
        judge(windows.closeIdle(now), scores);
        activity.evictIdle(evictBefore);
        windows.forgetIdle(evictBefore);
    }

    private void judge(List<FeatureVector> closed, BiConsumer<Score, Map<String, Double>> scores) {
        for (FeatureVector window : closed) {
            UserWindow judged = activity.window(window);
            for (UserDetector detector : detectors) {
                detector.evaluate(judged).ifPresent(score -> scores.accept(score, judged.vector().features()));
            }
        }
    }

    /** Looks for new versions of the detectors' model files. */
    public void refreshModels() {
        models.refresh();
    }

    /** The detectors' model slots: file, model in use, problem. */
    public List<ModelSlot> modelSlots() {
        return models.slots();
    }

    /** Saves users' and addresses' activity and the detectors' learned state. */
    public synchronized void saveState() {
        save(ACTIVITY_KEY, activityState());
        detectors.stream().filter(UserDetector::stateful).forEach(d -> save(d.name(), detectorState(d)));
    }

    private void save(String key, Snapshotted state) {
        try {
            snapshots.save(key, state);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Could not save the state of %s; the last saved state stays", key);
        }
    }

    private void restore(String key, Snapshotted state) {
        try {
            int restored = snapshots.restore(key, state);
            if (restored > 0) {
                LOG.infof("Restored what %s had learned (%d entries)", key, restored);
            }
        } catch (SQLException e) {
            LOG.errorf(e, "Could not read the saved state of %s: it relearns from scratch", key);
        }
    }

    private Snapshotted activityState() {
        return Snapshotted.of(activity::spec, () -> activity.users() + activity.ips(), activity::writeSnapshot,
                activity::readSnapshot);
    }

    private static Snapshotted detectorState(UserDetector detector) {
        return Snapshotted.of(detector::stateSpec, () -> 1, detector::writeState, detector::readState);
    }
}
