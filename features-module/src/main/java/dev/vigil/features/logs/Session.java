package dev.vigil.features.logs;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of one service that named one session id (an HDFS block, a request, a job), once the session has closed.
 *
 * @param id         the session id taken from the lines
 * @param start      event time of its first line
 * @param end        event time of its last line
 * @param events     the template id of each line, in arrival order (at most the tracker's limit: see {@code truncated})
 * @param counts     how many lines of each template it had, in order of first appearance: its event-count vector,
 *                   complete even when {@code events} was cut
 * @param firstLines for each template, the session's first line of it (cut to a few hundred characters), to show
 * @param truncated  whether the session had more lines than {@code events} holds
 */
public record Session(String id, Instant start, Instant end, List<String> events, Map<String, Integer> counts,
        Map<String, String> firstLines, boolean truncated) {

    public Session {
        events = List.copyOf(events);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        firstLines = Collections.unmodifiableMap(new LinkedHashMap<>(firstLines));
    }

    /** Lines of a template in this session, 0 for one it did not have. */
    public int count(String templateId) {
        return counts.getOrDefault(templateId, 0);
    }
}
