package dev.vigil.features.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups one service's lines into sessions by an id found in each line with a configured regex (HDFS block ids,
 * {@code blk_-?\d+}): a line joins every session whose id it names. A session closes when it has had no line for the
 * idle timeout, in event time (the newest line time the service has logged, its watermark, is that far past the
 * session's last line), or, when the whole service goes quiet, after that much wall-clock time ({@link #closeIdle}).
 * <p>
 * Memory is bounded: at most {@code maxOpen} sessions are open, beyond which the one idle longest is closed early
 * (counted in {@link #evicted()}), and a session keeps at most {@code maxEvents} events in order; its counts stay
 * complete. Not thread-safe: the caller synchronises.
 */
public final class SessionTracker {

    /** Characters of a session's first line of a template kept to show. */
    static final int LINE_CHARS = 200;

    private final Pattern idPattern;
    private final boolean idGroup;
    private final Duration idleTimeout;
    private final int maxOpen;
    private final int maxEvents;
    /** In order of last activity, the least recently touched first. */
    private final LinkedHashMap<String, OpenSession> open = new LinkedHashMap<>(16, 0.75f, true);
    private Instant watermark;
    private Instant lastReceived;
    private long evicted;

    /**
     * @param idPattern   finds session ids in a message: its first group when it has one, else the whole match
     * @param idleTimeout a session with no line for this long (event time) is closed
     * @param maxOpen     sessions open at once, at least 1
     * @param maxEvents   events kept in order per session, at least 1
     */
    public SessionTracker(Pattern idPattern, Duration idleTimeout, int maxOpen, int maxEvents) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("session idle timeout must be positive, got " + idleTimeout);
        }
        if (maxOpen < 1 || maxEvents < 1) {
            throw new IllegalArgumentException("need at least one open session and one event per session, got "
                    + maxOpen + " and " + maxEvents);
        }
        this.idPattern = idPattern;
        this.idGroup = idPattern.matcher("").groupCount() > 0;
        this.idleTimeout = idleTimeout;
        this.maxOpen = maxOpen;
        this.maxEvents = maxEvents;
    }

    /** The distinct session ids a message names, in order of appearance. */
    public Set<String> ids(String message) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = idPattern.matcher(message);
        while (m.find()) {
            String id = idGroup ? m.group(1) : m.group();
            if (id != null && !id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Adds a line to every session it names and returns the sessions that closed: those idle for the timeout at the
     * new watermark, and the one closed early when too many are open. A line naming no session only moves the
     * watermark.
     *
     * @param receivedAt wall-clock time of receipt, for {@link #closeIdle}
     */
    public List<Session> add(Instant at, String templateId, String message, Instant receivedAt) {
        lastReceived = receivedAt;
        if (watermark == null || at.isAfter(watermark)) {
            watermark = at;
        }
        List<Session> closed = new ArrayList<>();
        for (String id : ids(message)) {
            OpenSession session = open.get(id);
            if (session == null) {
                session = new OpenSession(id, at);
                open.put(id, session);
            }
            session.add(at, templateId, message, maxEvents);
        }
        closeIdleUpTo(watermark.minus(idleTimeout), closed);
        while (open.size() > maxOpen) {
            Iterator<OpenSession> eldest = open.values().iterator();
            closed.add(eldest.next().close());
            eldest.remove();
            evicted++;
        }
        return closed;
    }

    /** Closes every session once the service has sent nothing for the idle timeout (wall clock). */
    public List<Session> closeIdle(Instant now) {
        if (lastReceived == null || open.isEmpty() || lastReceived.plus(idleTimeout).isAfter(now)) {
            return List.of();
        }
        return closeAll();
    }

    /** Closes every open session, least recently active first. */
    public List<Session> closeAll() {
        List<Session> closed = new ArrayList<>(open.size());
        for (OpenSession session : open.values()) {
            closed.add(session.close());
        }
        open.clear();
        return closed;
    }

    /** Sessions open now. */
    public int openSessions() {
        return open.size();
    }

    /** Sessions closed early because {@code maxOpen} were open. */
    public long evicted() {
        return evicted;
    }

    /** Closes, least recently active first, the sessions whose last line is at or before the cutoff. */
    private void closeIdleUpTo(Instant cutoff, List<Session> closed) {
        Iterator<OpenSession> sessions = open.values().iterator();
        while (sessions.hasNext()) {
            OpenSession session = sessions.next();
            if (session.last.isAfter(cutoff)) {
                // later ones were touched more recently by arrival; a late line's session waits for the next check
                break;
            }
            closed.add(session.close());
            sessions.remove();
        }
    }

    private static final class OpenSession {
        final String id;
        Instant start;
        Instant last;
        final List<String> events = new ArrayList<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        final Map<String, String> firstLines = new LinkedHashMap<>();
        boolean truncated;

        OpenSession(String id, Instant start) {
            this.id = id;
            this.start = start;
            this.last = start;
        }

        void add(Instant at, String templateId, String message, int maxEvents) {
            if (at.isAfter(last)) {
                last = at;
            } else if (at.isBefore(start)) {
                start = at;
            }
            if (events.size() < maxEvents) {
                events.add(templateId);
            } else {
                truncated = true;
            }
            counts.merge(templateId, 1, Integer::sum);
            firstLines.computeIfAbsent(templateId,
                    k -> message.length() > LINE_CHARS ? message.substring(0, LINE_CHARS) + "…" : message);
        }

        Session close() {
            return new Session(id, start, last, events, counts, firstLines, truncated);
        }
    }
}
