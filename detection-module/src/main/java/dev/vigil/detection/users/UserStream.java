package dev.vigil.detection.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.UserEvent;
import dev.vigil.detection.DetectionSettings;
import dev.vigil.detection.DetectorModels;
import dev.vigil.detection.EventStream;
import dev.vigil.detection.EventStream.Taking;
import dev.vigil.detection.state.StateSnapshots.Snapshotted;
import dev.vigil.features.users.ActionClasses;
import dev.vigil.features.users.EntityKind;
import dev.vigil.features.users.UserActivity;
import dev.vigil.features.users.UserEventCount;
import dev.vigil.features.users.UserWindow;
import dev.vigil.features.window.TumblingWindows;
import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.users.ModelScorer;
import dev.vigil.scoring.users.ScoringProblems;
import dev.vigil.scoring.users.UserDetector;
import dev.vigil.scoring.users.UserDetectorDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * User and authentication events in, scores out. Every event opens (or joins) a window of its user and one of its
 * client address ({@link UserSettings#window()}, event time); when an entity's window closes, its activity as of the
 * window's end ({@link UserActivity}) is judged by every users detector of the detectors file, each score carrying the
 * window's features. A window is judged before the event that closed it is learned, so a window is never judged on
 * what came after it. What was learned (users' and addresses' activity under {@value #ACTIVITY_KEY}, each stateful
 * detector's sequence model under its name) is the stream's learned state. The detectors' PMML models are loaded at
 * start and looked at again by {@link #refreshModels()}. Thread-safe: one batch, idle check or save at a time.
 */
public final class UserStream implements EventStream<UserEvent> {

    /** The key the users' and addresses' activity is saved under (a ':' is in no detector name). */
    static final String ACTIVITY_KEY = "users:activity";

    private final UserActivity activity;
    private final TumblingWindows<UserEvent> windows;
    private final List<UserDetector> detectors = new ArrayList<>();
    private final DetectorModels models;

    public UserStream(UserSettings settings, DetectionSettings detection, List<UserDetectorDefinition> definitions,
            MeterRegistry registry) {
        this.activity = new UserActivity(new ActionClasses(settings.loginActions(), settings.writeActions()),
                settings.timeZone(), settings.maxUsers(), settings.maxIps(), Clock.systemUTC());
        this.windows = new TumblingWindows<>(settings.window(), settings.allowedLateness(), detection.idleTimeout(),
                UserEventCount::new);
        ScoringProblems problems = DetectorModels.problems(registry);
        List<ModelSlot> slots = new ArrayList<>();
        for (UserDetectorDefinition definition : definitions) {
            UserDetector detector = definition.build(settings.modelsFolder(), problems, detection.recoveryWindows());
            detectors.add(detector);
            detector.scorers().stream().filter(ModelScorer.class::isInstance)
                    .forEach(scorer -> slots.add(((ModelScorer) scorer).slot()));
        }
        this.models = new DetectorModels(slots, settings.modelsFolder(), registry);
        models.load();
        registry.gauge("vigil.users.profiles", Tags.of("entity", "user"), activity, UserActivity::users);
        registry.gauge("vigil.users.profiles", Tags.of("entity", "ip"), activity, UserActivity::ips);
        registry.gauge("vigil.windows.late.user.events", windows, w -> w.lateEvents() + 0.0);
        registry.gauge("vigil.users.open.windows", windows, w -> w.openWindows() + 0.0);
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public Class<UserEvent> events() {
        return UserEvent.class;
    }

    /** Judges the windows the batch's events close, then learns each event. */
    @Override
    public synchronized List<Score> onEvents(List<UserEvent> batch, Instant now, long position, List<UserEvent> held) {
        return take(batch, now, position, Taking.LIVE, held);
    }

    @Override
    public synchronized void replay(List<UserEvent> events, Instant takenAt, long position, boolean learn) {
        Taking taking = Taking.replay(learn);
        judge(windows.closeIdle(takenAt), new ArrayList<>(), taking);
        take(events, takenAt, position, taking, new ArrayList<>());
    }

    /** Filling windows only, the activity already knows the events: it learns them only live or learning again. */
    private List<Score> take(List<UserEvent> batch, Instant now, long position, Taking taking, List<UserEvent> held) {
        List<Score> scores = new ArrayList<>();
        for (UserEvent event : batch) {
            TumblingWindows.Added user = windows.add(event.source(), EntityKind.USER.entity(event.user()),
                    UserActivity.labels(EntityKind.USER, event.user()), event.timestamp(), event, now, position);
            judge(user.closed(), scores, taking);
            TumblingWindows.Added ip = windows.add(event.source(), EntityKind.IP.entity(event.ip()),
                    UserActivity.labels(EntityKind.IP, event.ip()), event.timestamp(), event, now, position);
            judge(ip.closed(), scores, taking);
            if (taking != Taking.FILL) {
                activity.observe(event);
            }
            if (user.held() || ip.held()) {
                held.add(event);
            }
        }
        return taking == Taking.LIVE ? scores : List.of();
    }

    /** Judges the windows of users and addresses that went quiet, and forgets those idle since {@code evictBefore}. */
    @Override
    public synchronized List<Score> closeIdle(Instant now, Instant evictBefore) {
        List<Score> scores = new ArrayList<>();
        judge(windows.closeIdle(now), scores, Taking.LIVE);
        activity.evictIdle(evictBefore);
        windows.forgetIdle(evictBefore);
        return scores;
    }

    @Override
    public synchronized void resumeIdleTimeouts(Instant now) {
        windows.resumeIdleTimeouts(now);
    }

    @Override
    public synchronized long oldestOpenPosition() {
        return windows.oldestOpenPosition();
    }

    private void judge(List<FeatureVector> closed, List<Score> scores, Taking taking) {
        if (taking == Taking.FILL) {
            return;
        }
        for (FeatureVector window : closed) {
            UserWindow judged = activity.window(window);
            for (UserDetector detector : detectors) {
                detector.evaluate(judged).ifPresent(scores::add);
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

    /** Users' and addresses' activity, and each stateful detector's learned model. */
    @Override
    public Map<String, Snapshotted> state() {
        Map<String, Snapshotted> state = new LinkedHashMap<>();
        state.put(ACTIVITY_KEY, Snapshotted.of(activity::spec, () -> activity.users() + activity.ips(),
                this::writeActivity, this::readActivity));
        for (UserDetector detector : detectors) {
            if (detector.stateful()) {
                state.put(detector.name(), Snapshotted.of(detector::stateSpec, () -> 1,
                        out -> writeModel(detector, out), in -> readModel(detector, in)));
            }
        }
        return state;
    }

    private synchronized void writeActivity(DataOutput out) throws IOException {
        activity.writeSnapshot(out);
    }

    private synchronized void readActivity(DataInput in) throws IOException {
        activity.readSnapshot(in);
    }

    private synchronized void writeModel(UserDetector detector, DataOutput out) throws IOException {
        detector.writeState(out);
    }

    private synchronized void readModel(UserDetector detector, DataInput in) throws IOException {
        detector.readState(in);
    }
}
