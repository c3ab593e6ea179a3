package dev.vigil.features.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.vigil.contracts.FeatureVector;

/**
 * Event-time tumbling windows per entity of each source, with allowed lateness. Each entity has a watermark, the
 * newest event time seen for it; a window stays open until that watermark reaches {@code windowEnd +
 * allowedLateness}, so an out-of-order event within the lateness still lands in its own window, and several windows of
 * one entity may be open at once. For an entity that went quiet, {@link #closeIdle} closes all its windows once it
 * has had no event for the idle timeout (wall clock). Closed windows are emitted in window order. An event for a
 * window that is closed (or would be, had it been opened) is late: counted, in total and per source, and dropped;
 * it is never merged into another window and no window is emitted twice. With zero lateness, in-order data closes a
 * window as soon as an event of a later window arrives.
 * <p>
 * Thread-safe: sources call {@link #add} from their own threads and a timer calls {@link #closeIdle}.
 */
public final class TumblingWindows<E> {

    private final Duration span;
    private final Duration allowedLateness;
    private final Duration idleTimeout;
    private final Supplier<WindowAggregate<E>> aggregates;
    private final Map<String, EntityWindows<E>> entities = new HashMap<>();
    private final Map<String, Long> lateBySource = new HashMap<>();
    private long lateEvents;
    private int openWindows;

    public TumblingWindows(Duration span, Duration allowedLateness, Duration idleTimeout,
            Supplier<WindowAggregate<E>> aggregates) {
        if (span.toMillis() < 1) {
            throw new IllegalArgumentException("window span must be at least 1 ms, got " + span);
        }
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative, got " + allowedLateness);
        }
        this.span = span;
        this.allowedLateness = allowedLateness;
        this.idleTimeout = idleTimeout;
        this.aggregates = aggregates;
    }

    /**
     * What adding an event did.
     *
     * @param closed the windows of its entity that its event time closed, in window order
     * @param held   whether an open window now holds the event (false: it was late, and dropped)
     */
    public record Added(List<FeatureVector> closed, boolean held) {

        private static final Added LATE = new Added(List.of(), false);
    }

    /**
     * Adds an event and returns the windows of its entity that its event time closed, in window order.
     *
     * @param receivedAt wall-clock time of receipt, for idle detection
     * @param position   where the event is in the input journal (its batch's sequence number): the open window holding
     *                   it remembers the lowest, so {@link #oldestOpenPosition()} says which inputs open windows still
     *                   need; 0 when there is no journal
     */
    public synchronized Added add(String source, String entity, SortedMap<String, String> labels,
            Instant eventTime, E event, Instant receivedAt, long position) {
        Instant start = windowStart(eventTime);
        EntityWindows<E> windows = entities.computeIfAbsent(source + '\u0000' + entity,
                k -> new EntityWindows<>(source, entity));
        if (windows.watermark == null || eventTime.isAfter(windows.watermark)) {
            windows.watermark = eventTime;
        }
        List<FeatureVector> closed = closeUpTo(windows, windows.watermark.minus(allowedLateness));
        if (isLate(windows, start)) {
            lateEvents++;
            lateBySource.merge(source, 1L, Long::sum);
            return closed.isEmpty() ? Added.LATE : new Added(closed, false);
        }
        // only accepted events keep an entity awake: a trickle of late ones must not hold its windows open forever
        windows.lastEventAt = receivedAt;
        OpenWindow<E> window = windows.open.get(start);
        if (window == null) {
            window = new OpenWindow<>(labels, start, aggregates.get(), position);
            windows.open.put(start, window);
            openWindows++;
        }
        window.aggregate.add(event);
        window.firstPosition = Math.min(window.firstPosition, position);
        return new Added(closed, true);
    }

    /** Late: its window ended too long before the watermark, or starts before the end of a window already closed. */
    private boolean isLate(EntityWindows<E> windows, Instant start) {
        boolean pastLateness = !start.plus(span).plus(allowedLateness).isAfter(windows.watermark);
        boolean behindClosed = windows.closedUpTo != null && start.isBefore(windows.closedUpTo);
        return pastLateness || behindClosed;
    }

    /** Closes, in order, the entity's windows that end at or before {@code cutoff}. */
    private List<FeatureVector> closeUpTo(EntityWindows<E> windows, Instant cutoff) {
        List<FeatureVector> closed = null;
        while (!windows.open.isEmpty()) {
            OpenWindow<E> first = windows.open.firstEntry().getValue();
            Instant end = first.start.plus(span);
            if (end.isAfter(cutoff)) {
                break;
            }
            if (closed == null) {
                closed = new ArrayList<>(1);
            }
            closed.add(close(windows, first));
        }
        return closed == null ? List.of() : closed;
    }

    private FeatureVector close(EntityWindows<E> windows, OpenWindow<E> window) {
        windows.open.remove(window.start);
        openWindows--;
        Instant end = window.start.plus(span);
        windows.closedUpTo = end;
        return new FeatureVector(windows.source, windows.entity, window.labels, window.start, end,
                window.aggregate.features());
    }

    /** Closes every window of the entities that have had no event for the idle timeout, each entity in window order. */
    public synchronized List<FeatureVector> closeIdle(Instant now) {
        List<FeatureVector> closed = new ArrayList<>();
        for (EntityWindows<E> windows : entities.values()) {
            if (!windows.open.isEmpty() && !windows.lastEventAt.plus(idleTimeout).isAfter(now)) {
                while (!windows.open.isEmpty()) {
                    closed.add(close(windows, windows.open.firstEntry().getValue()));
                }
            }
        }
        return closed;
    }

    /**
     * Forgets entities with no open window whose last accepted event came before {@code cutoff} (wall clock), so an
     * entity seen once (a client address) does not stay in memory for good. Should one come back, its windows start
     * afresh: pick a cutoff far beyond any lateness.
     *
     * @return how many were forgotten
     */
    public synchronized int forgetIdle(Instant cutoff) {
        int before = entities.size();
        entities.values().removeIf(w -> w.open.isEmpty() && (w.lastEventAt == null || w.lastEventAt.isBefore(cutoff)));
        return before - entities.size();
    }

    /** Entities known (with or without open windows). */
    public synchronized int entities() {
        return entities.size();
    }

    /** Events dropped because their window was already closed. */
    public synchronized long lateEvents() {
        return lateEvents;
    }

    /** Late events of one source. */
    public synchronized long lateEvents(String source) {
        return lateBySource.getOrDefault(source, 0L);
    }

    /**
     * Counts every entity with an open window as heard at {@code now}: after a restart filled the windows again, the
     * time the process was down is not the entities' own, so each gets its whole idle timeout for what its source
     * kept meanwhile.
     */
    public synchronized void resumeIdleTimeouts(Instant now) {
        for (EntityWindows<E> windows : entities.values()) {
            if (!windows.open.isEmpty() && windows.lastEventAt.isBefore(now)) {
                windows.lastEventAt = now;
            }
        }
    }

    /** The lowest journal position any open window holds an event of; {@link Long#MAX_VALUE} when none is open. */
    public synchronized long oldestOpenPosition() {
        long oldest = Long.MAX_VALUE;
        for (EntityWindows<E> windows : entities.values()) {
            for (OpenWindow<E> window : windows.open.values()) {
                oldest = Math.min(oldest, window.firstPosition);
            }
        }
        return oldest;
    }

    /** Windows open across all entities. */
    public synchronized int openWindows() {
        return openWindows;
    }

    private Instant windowStart(Instant eventTime) {
        long spanMillis = span.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), spanMillis) * spanMillis);
    }

    /** One entity's open windows by start, its watermark, and the end of its newest closed window. */
    private static final class EntityWindows<E> {
        final String source;
        final String entity;
        final TreeMap<Instant, OpenWindow<E>> open = new TreeMap<>();
        Instant watermark;
        Instant closedUpTo;
        Instant lastEventAt;

        EntityWindows(String source, String entity) {
            this.source = source;
            this.entity = entity;
        }
    }

    private static final class OpenWindow<E> {
        final SortedMap<String, String> labels;
        final Instant start;
        final WindowAggregate<E> aggregate;
        /** The lowest journal position of its events (batches from several threads may arrive out of order). */
        long firstPosition;

        OpenWindow(SortedMap<String, String> labels, Instant start, WindowAggregate<E> aggregate, long firstPosition) {
            this.labels = labels;
            this.start = start;
            this.aggregate = aggregate;
            this.firstPosition = firstPosition;
        }
    }
}
