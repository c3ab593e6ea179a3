package dev.vigil.detection.logs;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.features.logs.ServiceTemplates;
import dev.vigil.features.logs.SessionTracker;
import dev.vigil.scoring.sessions.SessionModel;
import dev.vigil.scoring.sessions.VerdictTally;

/**
 * What Vigil knows of one service of one source: its templates, its open sessions (when its source has a session
 * id), the session models of each session detector and their verdicts waiting for the service's next window, and the
 * new templates each novelty detector has reported. Not
 * thread-safe: {@link LogDetection} guards it.
 */
final class ServiceLogs {

    final String source;
    final String service;
    /** The labels of its windows, {@code service=<name>}, made once rather than per line. */
    final SortedMap<String, String> labels;
    final ServiceTemplates templates;
    /** Null when the source has no session id. */
    final SessionTracker sessions;
    /** Per session detector: its model of this service's sessions. */
    final Map<String, SessionModel> models = new LinkedHashMap<>();
    /** Per session detector: its verdicts since the service's last window. */
    private final Map<String, VerdictTally> verdicts = new HashMap<>();
    /** Per novelty detector: the new templates it has reported, each news once. */
    final Map<String, Set<String>> news = new HashMap<>();

    ServiceLogs(String source, String service, ServiceTemplates templates, SessionTracker sessions) {
        this.source = source;
        this.service = service;
        this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("service", service)));
        this.templates = templates;
        this.sessions = sessions;
    }

    VerdictTally verdicts(String detector) {
        return verdicts.computeIfAbsent(detector, k -> new VerdictTally());
    }

    /** The verdicts of a detector since the last window, which start afresh. */
    VerdictTally takeVerdicts(String detector) {
        VerdictTally tally = verdicts.remove(detector);
        return tally == null ? new VerdictTally() : tally;
    }

    /** Whether a novelty detector has reported this template already. */
    boolean toldNews(String detector, String templateId) {
        return news.getOrDefault(detector, Set.of()).contains(templateId);
    }

    void tellNews(String detector, String templateId) {
        news.computeIfAbsent(detector, k -> new HashSet<>()).add(templateId);
    }

    /** Forgets the reported templates born before {@code since}: they are no news anyway, so memory stays bounded. */
    void forgetNewsBornBefore(String detector, Instant since, ServiceTemplates templates) {
        Set<String> told = news.get(detector);
        if (told != null) {
            told.removeIf(id -> templates.birth(id).map(b -> b.at().isBefore(since)).orElse(true));
        }
    }

    static String key(String source, String service) {
        return source + '\u0000' + service;
    }
}
