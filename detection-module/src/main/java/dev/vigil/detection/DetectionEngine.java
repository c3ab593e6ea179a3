package dev.vigil.detection;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.UserEvent;
import dev.vigil.detection.logs.LogSettings;
import dev.vigil.detection.logs.LogStream;
import dev.vigil.detection.metrics.MetricStream;
import dev.vigil.detection.quiet.QuietWatch;
import dev.vigil.detection.state.EventCodec;
import dev.vigil.detection.state.InputJournal;
import dev.vigil.detection.state.StateSnapshots;
import dev.vigil.detection.state.StateSnapshots.Snapshotted;
import dev.vigil.detection.users.UserSettings;
import dev.vigil.detection.users.UserStream;
import dev.vigil.features.state.SeriesStates.Quiet;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorDefinition.Stream;
import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.users.ScoringProblems;
import dev.vigil.scoring.users.UserDetectorDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jboss.logging.Logger;

/**
 * Events in, scores out: the three streams ({@link MetricStream}, {@link LogStream}, {@link UserStream}) behind one
 * contract, the watch on series that go quiet ({@link QuietWatch}), and the learned state of every stream, restored
 * from the database when the engine is built and saved by {@link #saveState()}. Nothing here knows of alerts: every
 * score goes back to the caller, who hands it to alerting. Plain method calls, no per-event exchange: the routes hand
 * it whole batches. Thread-safe.
 * <p>
 * <b>No acknowledged input is lost with its window.</b> The events each batch leaves in open windows are appended to
 * the {@link InputJournal} before the call returns, so before the source acknowledges them (MQTT acknowledgement, Kafka
 * commit, file moved to {@code .done}); every idle check forgets the rows no open window needs any more and every
 * stream's saved learned state has learned from (it records how far: {@link InputJournal#mark}). When the engine is
 * built after a stop, crash or not, the rows left are taken again, in order: rows the saved state knows only fill the
 * windows, later ones are learned from again, windows idle by then close as the idle check closed them, and nothing
 * that was scored is scored again; the windows filled get their whole idle timeout from the start, for what the
 * sources kept while the process was down. So each window open at the stop is scored in full, by detectors that know
 * what they knew. The journal holds at most the inputs since the last save ({@code snapshot-interval}) and of the windows
 * still open. While the journal cannot be written (its database is down) inputs are acknowledged without it, counted in
 * {@code vigil_journal_failures_total}.
 */
public final class DetectionEngine {

    private static final Logger LOG = Logger.getLogger(DetectionEngine.class);

    private final Clock clock;
    private final DetectionSettings settings;
    private final List<ConfiguredDetector> detectors = new ArrayList<>();
    private final MetricStream metrics;
    private final LogStream logs;
    private final UserStream users;
    /** The metric detectors' PMML models (the users stream keeps its own). */
    private final DetectorModels metricModels;
    private final List<EventStream<?>> streams;
    private final QuietWatch quiet;
    private final StateSnapshots snapshots;
    private final InputJournal journal;
    private final Map<String, EventCodec<?>> codecs = new HashMap<>();
    private final Counter journalFailures;
    /** Per stream, the journal position its saved learned state has learned up to (0: it has none saved). */
    private final Map<String, Long> learnedUpTo = new ConcurrentHashMap<>();
    /** Whether the journal failed last time: an outage is logged once, and its end. */
    private volatile boolean journalDown;

    /**
     * Builds every detector of the detectors file into its stream and restores what each stream had learned.
     *
     * @param definitions     the metric and log detectors, in the order of the detectors file
     * @param userDefinitions the users detectors
     */
    public DetectionEngine(DetectionSettings settings, List<DetectorDefinition> definitions,
            List<UserDetectorDefinition> userDefinitions, LogSettings logSettings, UserSettings userSettings,
            StateSnapshots snapshots, InputJournal journal, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.snapshots = snapshots;
        this.journal = journal;
        this.journalFailures = registry.counter("vigil.journal.failures");
        DetectionDelay delay = new DetectionDelay(registry, clock);
        List<ConfiguredDetector> metricDetectors = new ArrayList<>();
        List<ConfiguredDetector> logDetectors = new ArrayList<>();
        ScoringProblems problems = DetectorModels.problems(registry);
        for (DetectorDefinition definition : definitions) {
            if (definition.modelled()) {
                continue; // a log model, built by the log stream
            }
            ConfiguredDetector detector = ConfiguredDetector.build(definition, userSettings.modelsFolder(), problems);
            detectors.add(detector);
            (definition.stream() == Stream.METRICS ? metricDetectors : logDetectors).add(detector);
            registry.gauge("vigil.detector.series", Tags.of("detector", detector.name()), detector.detector().states(),
                    s -> s.size());
        }
        this.metricModels = new DetectorModels(metricDetectors.stream().flatMap(d -> d.modelSlot().stream()).toList(),
                userSettings.modelsFolder(), registry);
        metricModels.load();
        this.metrics = new MetricStream(metricDetectors, settings, delay, registry);
        this.logs = new LogStream(logSettings, settings, logDetectors,
                definitions.stream().filter(DetectorDefinition::modelled).toList(), delay);
        this.users = new UserStream(userSettings, settings, userDefinitions, registry);
        this.streams = List.of(metrics, logs, users);
        streams.forEach(stream -> codecs.put(stream.name(), new EventCodec<>(stream.events())));
        this.quiet = new QuietWatch(settings.quiet().factor(), settings.quiet().minimumGap(), clock.instant(),
                settings.recoveryWindows());
        registry.gauge("vigil.logs.templates", logs, l -> l.templates() + 0.0);
        registry.gauge("vigil.logs.sessions.open", logs, l -> l.openSessions() + 0.0);
        registry.gauge("vigil.windows.late.log.events", logs, l -> l.lateEvents() + 0.0);
        restoreState();
        replayJournal();
    }

    /** Metric points: the scores of the windows they closed. */
    public List<Score> onObservations(List<Observation> batch) {
        return heard(take(metrics, batch));
    }

    /** Log events: the scores of the service windows they closed. */
    public List<Score> onLogEvents(List<LogEvent> batch) {
        return heard(take(logs, batch));
    }

    /** User and authentication events: the scores of the users' and addresses' windows they closed. */
    public List<Score> onUserEvents(List<UserEvent> batch) {
        return take(users, batch);
    }

    /** A batch through its stream, and what open windows now hold of it into the journal. */
    private <E> List<Score> take(EventStream<E> stream, List<E> batch) {
        Instant now = clock.instant();
        long position = journal.allocate();
        List<E> held = new ArrayList<>(batch.size());
        List<Score> scores;
        try {
            scores = stream.onEvents(batch, now, position, held);
        } catch (RuntimeException e) {
            journal.abandon(position);
            throw e;
        }
        if (held.isEmpty()) {
            journal.abandon(position);
            return scores;
        }
        try {
            @SuppressWarnings("unchecked")
            EventCodec<E> codec = (EventCodec<E>) codecs.get(stream.name());
            journal.append(position, stream.name(), now, codec.encode(held));
            journalUp();
        } catch (InputJournal.JournalException e) {
            journalFailed(e);
        }
        return scores;
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
            List<Quiet> silent = new ArrayList<>();
            for (ConfiguredDetector detector : detectors) {
                if (detector.definition().stream() == Stream.LOG_TEMPLATES) {
                    continue; // a template that stops is judged by its count; a service that stops, by its own series
                }
                silent.addAll(detector.detector().states().quietSince(now, settings.quiet().factor(),
                        settings.quiet().minimumGap()));
            }
            scores.addAll(quiet.quiet(silent, now));
        }
        forgetJournalledInputs();
        return scores;
    }

    /**
     * Forgets the journal rows no open window holds an event of (after the idle windows closed) and every stream's
     * saved learned state has learned from, so a start after a crash both fills the windows that were open and
     * relearns what was learned since the last save.
     */
    private void forgetJournalledInputs() {
        long oldest = Long.MAX_VALUE;
        for (EventStream<?> stream : streams) {
            oldest = Math.min(oldest, Math.min(stream.oldestOpenPosition(), learnedUpTo.getOrDefault(stream.name(), 0L)));
        }
        // read after the windows: a batch allocated since is at or above what settled says
        long before = Math.min(oldest, journal.settled());
        try {
            journal.forgetBefore(before);
            journalUp();
        } catch (InputJournal.JournalException e) {
            journalFailed(e);
        }
    }

    private void journalFailed(InputJournal.JournalException e) {
        journalFailures.increment();
        if (!journalDown) {
            journalDown = true;
            LOG.errorf("The input journal cannot be written (%s: %s): inputs are acknowledged without it until it can, "
                    + "so a crash meanwhile may lose the windows open then", e.getMessage(),
                    e.getCause() == null ? "" : e.getCause().getMessage());
        }
    }

    private void journalUp() {
        if (journalDown) {
            journalDown = false;
            LOG.info("The input journal is written again");
        }
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

    /** The users stream. */
    public UserStream users() {
        return users;
    }

    /** Looks for new versions of every detector's model file (metric and users detectors). */
    public void refreshModels() {
        metricModels.refresh();
        users.refreshModels();
    }

    /** Every detector's model slot, metric detectors' first: file, model in use, problem. */
    public List<ModelSlot> modelSlots() {
        List<ModelSlot> all = new ArrayList<>(metricModels.slots());
        all.addAll(users.modelSlots());
        return all;
    }

    /**
     * Saves every stream's learned state; a part that cannot be saved is logged and the last saved one stays. The
     * journal is marked with how far each stream's saved state has learned, once all its parts were saved.
     */
    public void saveState() {
        for (EventStream<?> stream : streams) {
            long learned = journal.settled(); // every batch below it is in the state about to be saved
            boolean saved = true;
            for (Map.Entry<String, Snapshotted> part : stream.state().entrySet()) {
                try {
                    snapshots.save(part.getKey(), part.getValue());
                } catch (SQLException | RuntimeException e) {
                    saved = false;
                    LOG.errorf(e, "Could not save the state of %s; the last saved state stays", part.getKey());
                }
            }
            if (saved) {
                try {
                    journal.mark(stream.name(), learned);
                    learnedUpTo.put(stream.name(), learned);
                } catch (InputJournal.JournalException e) {
                    journalFailed(e);
                }
            }
        }
    }

    /** Takes the journal's rows again, in order, into the windows of their streams. */
    private void replayJournal() {
        Map<String, EventStream<?>> byName = new HashMap<>();
        streams.forEach(stream -> byName.put(stream.name(), stream));
        int[] replayed = new int[2];
        try {
            Map<String, Long> marks = journal.marks();
            learnedUpTo.putAll(marks);
            journal.replay(entry -> {
                EventStream<?> stream = byName.get(entry.stream());
                if (stream == null) {
                    LOG.warnf("Input journal row %d names no stream (%s): skipped", entry.position(), entry.stream());
                    return;
                }
                replayed[0]++;
                replayed[1] += replay(stream, entry, entry.position() >= marks.getOrDefault(entry.stream(), 0L));
            });
        } catch (InputJournal.JournalException e) {
            LOG.errorf(e, "Could not read the input journal: windows open at the last stop start empty");
        }
        if (replayed[0] > 0) {
            Instant now = clock.instant();
            streams.forEach(stream -> stream.resumeIdleTimeouts(now));
            LOG.infof("Input journal: %d events of %d batches taken again into the windows open at the last stop",
                    replayed[1], replayed[0]);
        }
    }

    private <E> int replay(EventStream<E> stream, InputJournal.Entry entry, boolean learn) {
        @SuppressWarnings("unchecked")
        EventCodec<E> codec = (EventCodec<E>) codecs.get(stream.name());
        try {
            List<E> events = codec.decode(entry.events());
            stream.replay(events, entry.takenAt(), entry.position(), learn);
            return events.size();
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Input journal row %d (%s) cannot be read (%s): its events are not taken again",
                    entry.position(), entry.stream(), e.getMessage());
            return 0;
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
