package dev.vigil.features.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

import dev.vigil.features.FeatureVector;

/**
 * Event-time tumbling windows, one open window per entity of each source. A window closes when an event of the same entity
 * arrives for a later window, or, for an entity that went quiet, when {@link #closeIdle} finds it has had no event
 * for the idle timeout (wall-clock). An event older than its entity's open window, or for a window already closed
 * for idleness, is late: it is counted and dropped, never merged into the wrong window or scored twice.
 * <p>
 * Thread-safe: sources call {@link #add} from their own threads and a timer calls {@link #closeIdle}.
 */
public final class TumblingWindows<E> {

    private final Duration span;
    private final Duration idleTimeout;
    private final Supplier<WindowAggregate<E>> aggregates;
    private final Map<String, OpenWindow<E>> open = new HashMap<>();
    /** Start of the last window closed for idleness, per entity whose window is not open: anything older is late. */
    private final Map<String, Instant> closedIdle = new HashMap<>();
    private long lateEvents;

    public TumblingWindows(Duration span, Duration idleTimeout, Supplier<WindowAggregate<E>> aggregates) {
        if (span.toMillis() < 1) {
            throw new IllegalArgumentException("window span must be at least 1 ms, got " + span);
        }
        this.span = span;
        this.idleTimeout = idleTimeout;
        this.aggregates = aggregates;
    }

    /**
     * Adds an event and returns the window it closed, if any.
     *
     * @param receivedAt wall-clock time of receipt, for idle detection
     */
    public synchronized List<FeatureVector> add(String source, String entity, SortedMap<String, String> labels,
            Instant eventTime, E event, Instant receivedAt) {
        Instant start = windowStart(eventTime);
        String key = source + '\u0000' + entity;
        OpenWindow<E> window = open.get(key);
        List<FeatureVector> closed = List.of();
        Instant closedUpTo = window == null ? closedIdle.get(key) : null;
        if (window != null && start.isBefore(window.start) || closedUpTo != null && !start.isAfter(closedUpTo)) {
            lateEvents++;
            return closed;
        }
        if (window != null && start.isAfter(window.start)) {
            closed = List.of(window.close(span));
            window = null;
        }
        if (window == null) {
            window = new OpenWindow<>(key, source, entity, labels, start, aggregates.get());
            open.put(key, window);
            closedIdle.remove(key);
        }
        window.aggregate.add(event);
        window.lastEventAt = receivedAt;
        return closed;
    }

    /** Closes the windows of entities that have had no event for the idle timeout. */
    public synchronized List<FeatureVector> closeIdle(Instant now) {
        List<FeatureVector> closed = new ArrayList<>();
        for (Iterator<OpenWindow<E>> it = open.values().iterator(); it.hasNext();) {
            OpenWindow<E> window = it.next();
            if (!window.lastEventAt.plus(idleTimeout).isAfter(now)) {
                closed.add(window.close(span));
                closedIdle.put(window.key, window.start);
                it.remove();
            }
        }
        return closed;
    }

    /** Events dropped because their entity's window had already moved past them. */
    public synchronized long lateEvents() {
        return lateEvents;
    }

    public synchronized int openWindows() {
        return open.size();
    }

    private Instant windowStart(Instant eventTime) {
        long spanMillis = span.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), spanMillis) * spanMillis);
    }

    private static final class OpenWindow<E> {
        final String key;
        final String source;
        final String entity;
        final SortedMap<String, String> labels;
        final Instant start;
        final WindowAggregate<E> aggregate;
        Instant lastEventAt;

        OpenWindow(String key, String source, String entity, SortedMap<String, String> labels, Instant start,
                WindowAggregate<E> aggregate) {
            this.key = key;
            this.source = source;
            this.entity = entity;
            this.labels = labels;
            this.start = start;
            this.aggregate = aggregate;
        }

        FeatureVector close(Duration span) {
            return new FeatureVector(source, entity, labels, start, start.plus(span), aggregate.features());
        }
    }
}
