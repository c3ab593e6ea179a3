package dev.vigil.detection.logs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.detection.ConfiguredDetector;
import dev.vigil.detection.DetectionDelay;
import dev.vigil.detection.DetectionSettings;
import dev.vigil.detection.EventStream;
import dev.vigil.detection.EventStream.Taking;
import dev.vigil.detection.state.StateSnapshots;
import dev.vigil.detection.state.StateSnapshots.Snapshotted;
import dev.vigil.features.logs.LogWindowAggregate;
import dev.vigil.features.logs.MinedLine;
import dev.vigil.features.logs.ServiceTemplates;
import dev.vigil.features.logs.Session;
import dev.vigil.features.logs.SessionTracker;
import dev.vigil.features.logs.Template;
import dev.vigil.features.state.SnapshotMismatchException;
import dev.vigil.features.window.TumblingWindows;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorDefinition.Stream;
import dev.vigil.scoring.config.ModelDefinition;
import dev.vigil.scoring.logs.LogEvidence;
import dev.vigil.scoring.logs.NovelTemplates;
import dev.vigil.scoring.logs.NovelTemplates.NovelTemplate;
import dev.vigil.scoring.sessions.SessionModel;
import dev.vigil.scoring.sessions.SessionModels;
import dev.vigil.scoring.sessions.SessionScores;
import org.jboss.logging.Logger;

/**
 * Log events in, scores out. Each line is mined into its service's templates (Drain, with its source's settings)
 * and, unless configuration ignores its template, counted in the service's event-time window and added to the
 * sessions it names. When a service window closes it is scored by every log detector:
 * <ul>
 * <li>{@code logs} detectors with scorers judge the window's own features (error count, ratios, new templates);</li>
 * <li>{@code log-templates} detectors judge the count of every template the service logged within their memory, 0
 * when it logged none of it, each template a series of its own ({@code <service>{template=<id>}});</li>
 * <li>a {@code novelty} model flags error lines of templates new to the service;</li>
 * <li>{@code log-sessions} models judge the sessions closed since the service's last window (after training on the
 * service's first sessions) and say so once per window.</li>
 * </ul>
 * Every score carries the evidence a person needs: the template, a few lines, what was out of place. With
 * {@link LogSettings#incidentPerService()} the scores of one service window are one incident ({@link LogIncident}).
 * Templates, their births, the session models and the reported new templates are its learned state (saved under
 * {@value #SNAPSHOT_KEY}), beside each log detector's series (saved under the detector's name). Thread-safe: one
 * lock, taken per batch and per idle check.
 */
public final class LogStream implements EventStream<LogEvent> {

    /** The key of the log state in the snapshot table; no detector name has a colon. */
    public static final String SNAPSHOT_KEY = "logs:templates";
    private static final String SNAPSHOT_SPEC = "log templates, sessions v1";
    /** 2: each service's reported new templates follow its session models; 1 (read still) has none. */
    private static final short FORMAT_VERSION = 2;
    private static final Logger LOG = Logger.getLogger(LogStream.class);

    private final LogSettings settings;
    private final DetectionDelay delay;
    private final Duration span;
    private final TumblingWindows<MinedLine> windows;
    private final List<ConfiguredDetector> serviceDetectors = new ArrayList<>();
    private final List<ConfiguredDetector> templateDetectors = new ArrayList<>();
    private final List<DetectorDefinition> noveltyDetectors = new ArrayList<>();
    private final List<DetectorDefinition> sessionDetectors = new ArrayList<>();
    /** Least recently heard first. */
    private final LinkedHashMap<String, ServiceLogs> services = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param series the log detectors with scorers ({@code logs}, {@code log-templates})
     * @param models the log detectors with a model ({@code novelty}, {@code invariants}, {@code transitions})
     */
    public LogStream(LogSettings settings, DetectionSettings detection, List<ConfiguredDetector> series,
            List<DetectorDefinition> models, DetectionDelay delay) {
        this.settings = settings;
        this.delay = delay;
        this.span = detection.window();
        this.windows = new TumblingWindows<>(detection.window(), detection.allowedLateness(), detection.idleTimeout(),
                LogWindowAggregate::new);
        for (ConfiguredDetector detector : series) {
            (detector.definition().stream() == Stream.LOG_TEMPLATES ? templateDetectors : serviceDetectors).add(detector);
        }
        for (DetectorDefinition model : models) {
            (model.stream() == Stream.LOG_SESSIONS ? sessionDetectors : noveltyDetectors).add(model);
        }
    }

    @Override
    public String name() {
        return "logs";
    }

    /** Whether a detector reads logs, and so is this class's to score. */
    public static boolean reads(DetectorDefinition definition) {
        return definition.stream() != Stream.METRICS;
    }

    @Override
    public Class<LogEvent> events() {
        return LogEvent.class;
    }

    @Override
    public synchronized List<Score> onEvents(List<LogEvent> batch, Instant now, long position, List<LogEvent> held) {
        return take(batch, now, position, Taking.LIVE, held);
    }

    @Override
    public synchronized void replay(List<LogEvent> events, Instant takenAt, long position, boolean learn) {
        Taking taking = Taking.replay(learn);
        List<Score> dropped = new ArrayList<>();
        closeIdleWindows(takenAt, dropped, taking);
        take(events, takenAt, position, taking, new ArrayList<>());
    }

    /**
     * Mines every line (always: a replayed line must meet its template), then adds it to its sessions and its
     * service's window; windows it closes are scored unless they are only being filled again.
     */
    private List<Score> take(List<LogEvent> batch, Instant now, long position, Taking taking, List<LogEvent> held) {
        List<Score> scores = new ArrayList<>();
        for (LogEvent event : batch) {
            ServiceLogs service = service(event.source(), event.service());
            MinedLine line = service.templates.learn(event);
            if (line.template().ignored()) {
                continue;
            }
            if (service.sessions != null) {
                for (Session closed : service.sessions.add(event.timestamp(), line.template().id(), event.message(), now)) {
                    judge(service, closed, taking);
                }
            }
            TumblingWindows.Added added = windows.add(event.source(), event.service(), service.labels,
                    event.timestamp(), line, now, position);
            if (taking != Taking.FILL) {
                for (FeatureVector window : added.closed()) {
                    score(window, scores);
                }
            }
            if (!added.closed().isEmpty() && taking == Taking.LIVE) {
                delay.closedBy(event.timestamp());
            }
            if (added.held()) {
                held.add(event);
            }
        }
        return taking == Taking.LIVE ? scores : List.of();
    }

    /**
     * Closes the sessions and windows of services that went quiet (wall clock), so they are scored too, and forgets
     * the log detectors' series nothing touched since {@code evictBefore}.
     */
    @Override
    public synchronized List<Score> closeIdle(Instant now, Instant evictBefore) {
        List<Score> scores = new ArrayList<>();
        closeIdleWindows(now, scores, Taking.LIVE);
        for (ConfiguredDetector detector : detectors()) {
            detector.detector().states().evictIdle(evictBefore);
        }
        return scores;
    }

    private void closeIdleWindows(Instant now, List<Score> scores, Taking taking) {
        for (ServiceLogs service : List.copyOf(services.values())) {
            if (service.sessions != null) {
                for (Session closed : service.sessions.closeIdle(now)) {
                    judge(service, closed, taking);
                }
            }
        }
        for (FeatureVector window : windows.closeIdle(now)) {
            if (taking != Taking.FILL) {
                score(window, scores);
            }
        }
    }

    @Override
    public synchronized void resumeIdleTimeouts(Instant now) {
        windows.resumeIdleTimeouts(now);
    }

    @Override
    public synchronized long oldestOpenPosition() {
        return windows.oldestOpenPosition();
    }

    /** The log detectors with scorers: each template's rate and the services' own features. */
    public List<ConfiguredDetector> detectors() {
        List<ConfiguredDetector> all = new ArrayList<>(serviceDetectors);
        all.addAll(templateDetectors);
        return all;
    }

    /** Log events dropped because their window had closed. */
    public long lateEvents() {
        return windows.lateEvents();
    }

    /** Templates known over all services. */
    public synchronized int templates() {
        return services.values().stream().mapToInt(s -> s.templates.templates().size()).sum();
    }

    /** Sessions open over all services. */
    public synchronized int openSessions() {
        return services.values().stream().filter(s -> s.sessions != null).mapToInt(s -> s.sessions.openSessions()).sum();
    }

    private ServiceLogs service(String source, String name) {
        String key = ServiceLogs.key(source, name);
        ServiceLogs service = services.get(key);
        if (service == null) {
            LogSettings.SourceSettings own = settings.source(source);
            service = new ServiceLogs(source, name, new ServiceTemplates(own.drain(), settings.overrides()), sessions(own));
            services.put(key, service);
            if (services.size() > settings.maxServices()) {
                Iterator<ServiceLogs> eldest = services.values().iterator();
                LOG.warnf("More than %d services log: %s, heard least recently, is forgotten", settings.maxServices(),
                        eldest.next().service);
                eldest.remove();
            }
        }
        return service;
    }

    private SessionTracker sessions(LogSettings.SourceSettings source) {
        if (source.sessionId() == null || sessionDetectors.isEmpty()) {
            return null;
        }
        LogSettings.SessionLimits limits = settings.sessions();
        return new SessionTracker(source.sessionId(), limits.idleTimeout(), limits.maxOpen(), limits.maxEvents());
    }

    /**
     * A closed session teaches each session model still training, and is judged by each trained one; a session only
     * filled again from the journal was judged before the stop.
     */
    private void judge(ServiceLogs service, Session session, Taking taking) {
        if (taking == Taking.FILL) {
            return;
        }
        for (DetectorDefinition detector : sessionDetectors) {
            SessionModel model = service.models.computeIfAbsent(detector.name(), k -> SessionModels.create(detector.model()));
            if (model.trained()) {
                service.verdicts(detector.name()).add(model.judge(session, service.templates::label));
            } else {
                model.learn(session);
            }
        }
    }

    private void score(FeatureVector window, List<Score> out) {
        ServiceLogs service = services.get(ServiceLogs.key(window.source(), window.entity()));
        List<LogIncident.Member> members = new ArrayList<>();
        for (ConfiguredDetector detector : serviceDetectors) {
            boolean errors = detector.definition().features().stream().anyMatch(f -> f.startsWith("error"));
            detector.detector().evaluate(window).ifPresent(score -> members.add(new LogIncident.Member("",
                    service == null ? score : withEvidence(score, LogEvidence.window(service.templates, window, errors)))));
        }
        if (service != null) { // else forgotten since (too many services): only its window's own features are scored
            for (ConfiguredDetector detector : templateDetectors) {
                members.addAll(scoreTemplates(detector, service, window));
            }
            for (DetectorDefinition detector : noveltyDetectors) {
                members.add(new LogIncident.Member("", scoreNovelty(detector, service, window)));
            }
            for (DetectorDefinition detector : sessionDetectors) {
                SessionModel model = service.models.get(detector.name());
                if (model != null && model.trained()) {
                    members.add(new LogIncident.Member("",
                            SessionScores.window(detector.name(), window, service.takeVerdicts(detector.name()))));
                }
            }
        }
        if (members.isEmpty()) {
            return;
        }
        List<LogIncident.Member> judged = fallingTemplatesInContext(members);
        if (settings.incidentPerService()) {
            out.add(LogIncident.of(window, judged));
        } else {
            judged.forEach(m -> out.add(m.score()));
        }
    }

    /**
     * Every template the service logged in the detector's memory (its baseline window of service windows, up to the
     * window's end): its count in the window, 0 when it logged none. A template silent for longer is no longer scored,
     * so the work per window stays with the templates a service still uses; its series is forgotten by
     * {@code evict-after}, and picks up again when it comes back.
     */
    private List<LogIncident.Member> scoreTemplates(ConfiguredDetector detector, ServiceLogs service,
            FeatureVector window) {
        Instant since = window.windowEnd().minus(span.multipliedBy(detector.definition().baseline().window()));
        List<LogIncident.Member> scores = new ArrayList<>();
        for (Template template : service.templates.templates()) {
            boolean recent = service.templates.lastSeen(template.id())
                    .map(last -> last.isAfter(since) && service.templates.birth(template.id()).orElseThrow().at()
                            .isBefore(window.windowEnd()))
                    .orElse(false);
            if (template.ignored() || !recent) {
                continue;
            }
            SortedMap<String, String> labels = new TreeMap<>(window.labels());
            labels.put("template", template.id());
            FeatureVector counted = new FeatureVector(window.source(),
                    Observation.seriesName(service.service, Map.of("template", template.id())), labels,
                    window.windowStart(), window.windowEnd(),
                    Map.of(LogWindowAggregate.TEMPLATE_COUNT, (double) LogWindowAggregate.count(window, template.id())));
            detector.detector().evaluate(counted).ifPresent(score -> scores.add(new LogIncident.Member(
                    "template " + service.templates.label(template.id()),
                    withEvidence(score, LogEvidence.template(service.templates, template.id(), score.explanation())))));
        }
        return scores;
    }

    /**
     * While something of the service rises (its errors, a template, new templates), the templates that fall are its
     * consequence (fewer requests get through), not news of their own: their scores stay, below the boundary.
     */
    private static List<LogIncident.Member> fallingTemplatesInContext(List<LogIncident.Member> members) {
        long rising = members.stream().filter(m -> rising(m.score())).count();
        if (rising == 0) {
            return members;
        }
        return members.stream().map(m -> !m.about().isEmpty() && falling(m.score())
                ? new LogIncident.Member(m.about(), notOnItsOwn(m.score(), rising)) : m).toList();
    }

    private static boolean rising(Score score) {
        return score.anomalous() && score.explanation().observed() > score.explanation().expected();
    }

    private static boolean falling(Score score) {
        return score.anomalous() && score.explanation().observed() < score.explanation().expected();
    }

    /** A falling template's score while something else rises: kept for the record, below the decision boundary. */
    private static Score notOnItsOwn(Score score, long rising) {
        List<String> evidence = new ArrayList<>();
        evidence.add("falls while " + rising + " other finding(s) of the service rise: not judged on its own");
        evidence.addAll(score.explanation().evidence());
        return new Score(score.detector(), score.source(), score.entity(), score.labels(), score.timestamp(),
                Math.min(score.score(), Math.nextDown(Score.THRESHOLD)), score.threshold(), false,
                score.explanation().withEvidence(evidence), score.features(), score.thresholdFactor());
    }

    /**
     * Error lines of templates born after the service's warm-up and less than the novelty period ago that this
     * detector has not reported yet: a new template is news once, so a rare error that recurs does not fire again.
     */
    private static Score scoreNovelty(DetectorDefinition detector, ServiceLogs service, FeatureVector window) {
        ModelDefinition.Novelty novelty = (ModelDefinition.Novelty) detector.model();
        Instant since = window.windowEnd().minus(novelty.period());
        service.forgetNewsBornBefore(detector.name(), since, service.templates);
        List<NovelTemplate> novel = new ArrayList<>();
        if (service.templates.lines() >= novelty.warmUpLines()) { // else still learning what the service usually says
            for (String id : LogWindowAggregate.templates(window)) {
                long errors = LogWindowAggregate.errors(window, id);
                service.templates.birth(id)
                        .filter(birth -> errors > 0 && birth.afterLines() >= novelty.warmUpLines()
                                && !birth.at().isBefore(since) && !service.toldNews(detector.name(), id))
                        .ifPresent(birth -> novel.add(new NovelTemplate(id, service.templates.label(id), birth.at(),
                                errors, service.templates.examples(id).stream().map(Object::toString).toList())));
            }
        }
        novel.forEach(t -> service.tellNews(detector.name(), t.id()));
        return NovelTemplates.score(detector.name(), window, novel);
    }

    private static Score withEvidence(Score score, List<String> evidence) {
        return score.withExplanation(score.explanation().withEvidence(evidence));
    }

    /**
     * Every service's templates, session models and reported new templates (restored service by service: a part that
     * no longer fits is relearned), and each log detector's series.
     */
    @Override
    public Map<String, Snapshotted> state() {
        Map<String, Snapshotted> state = new LinkedHashMap<>();
        state.put(SNAPSHOT_KEY, Snapshotted.of(() -> SNAPSHOT_SPEC, this::size, this::writeTo, this::readFrom));
        detectors().forEach(d -> state.put(d.name(), StateSnapshots.of(d.detector().states())));
        return state;
    }

    private synchronized int size() {
        return services.size();
    }

    /**
     * The format version, the number of services, then per service its source and name, its templates as one
     * length-prefixed block and its session models, each a detector name, a kind and a block: blocks, so that a part
     * that no longer fits the configuration is skipped without misreading the rest.
     */
    private synchronized void writeTo(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        out.writeInt(services.size());
        for (ServiceLogs service : services.values()) {
            out.writeUTF(service.source);
            out.writeUTF(service.service);
            writeBlock(out, service.templates::writeTo);
            out.writeInt(service.models.size());
            for (Map.Entry<String, SessionModel> model : service.models.entrySet()) {
                out.writeUTF(model.getKey());
                out.writeUTF(model.getValue().kind());
                writeBlock(out, model.getValue()::writeTo);
            }
            out.writeInt(service.news.size());
            for (Map.Entry<String, Set<String>> told : service.news.entrySet()) {
                out.writeUTF(told.getKey());
                out.writeInt(told.getValue().size());
                for (String id : told.getValue()) {
                    out.writeUTF(id);
                }
            }
        }
    }

    private synchronized void readFrom(DataInput in) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION && version != 1) {
            throw new SnapshotMismatchException("log state has format version " + version + ", expected " + FORMAT_VERSION);
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String source = in.readUTF();
            String name = in.readUTF();
            byte[] templates = readBlock(in);
            LogSettings.SourceSettings own = settings.source(source);
            ServiceLogs service = null;
            try {
                service = new ServiceLogs(source, name,
                        ServiceTemplates.readFrom(block(templates), own.drain(), settings.overrides()), sessions(own));
                services.put(ServiceLogs.key(source, name), service);
            } catch (SnapshotMismatchException e) {
                LOG.warnf("Log templates of %s (%s) no longer fit the configuration (%s): they are relearned", name,
                        source, e.getMessage());
            }
            int models = in.readInt();
            for (int m = 0; m < models; m++) {
                String detector = in.readUTF();
                String kind = in.readUTF();
                byte[] model = readBlock(in);
                DetectorDefinition definition = sessionDetectors.stream().filter(d -> d.name().equals(detector))
                        .findFirst().orElse(null);
                if (service == null || definition == null || !definition.model().kind().equals(kind)
                        || service.sessions == null) {
                    continue; // its service is relearned, or the detector is gone or changed kind
                }
                try {
                    service.models.put(detector, SessionModels.readFrom(block(model), definition.model()));
                } catch (SnapshotMismatchException e) {
                    LOG.warnf("Session model %s of %s no longer fits its configuration (%s): it is trained again",
                            detector, name, e.getMessage());
                }
            }
            int detectors = version == 1 ? 0 : in.readInt();
            for (int d = 0; d < detectors; d++) {
                String detector = in.readUTF();
                int told = in.readInt();
                for (int t = 0; t < told; t++) {
                    String id = in.readUTF();
                    if (service != null) {
                        service.tellNews(detector, id);
                    }
                }
            }
        }
    }

    private static void writeBlock(DataOutput out, Snapshotted.Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream block = new DataOutputStream(bytes)) {
            writer.write(block);
        }
        out.writeInt(bytes.size());
        out.write(bytes.toByteArray());
    }

    private static byte[] readBlock(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new SnapshotMismatchException("log state is corrupt: a block of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static DataInput block(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
