package dev.vigil.detection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.Score;
import dev.vigil.detection.state.StateSnapshots.Snapshotted;

/**
 * One kind of event through detection: events open and fill windows, closed windows are scored, and the scores come
 * back. Every stream (metrics, logs, users) works this way, so the engine feeds, sweeps, journals and saves them
 * alike. Implementations are thread-safe.
 *
 * @param <E> the event record the stream takes
 */
public interface EventStream<E> {

    /** The stream's name: {@code metrics}, {@code logs}, {@code users}. */
    String name();

    /** The event record it takes, for the input journal's codec. */
    Class<E> events();

    /**
     * Takes a batch of events; returns the scores of every window the batch closed, in window order per entity.
     *
     * @param position the batch's position in the input journal; the open windows that hold its events remember it
     * @param held     receives the events an open window holds now (not those dropped as late or ignored): what the
     *                 input journal must keep
     */
    List<Score> onEvents(List<E> batch, Instant now, long position, List<E> held);

    /**
     * Takes journalled events again after a stop, as they were taken at {@code takenAt}: windows that went idle by then
     * close first, as the idle check closed them; then the events go into their windows. Windows that close are not
     * scored again (they were before the stop).
     *
     * @param learn whether the learned state restored has not yet learned from these events: then detectors learn
     *              from the windows that close and from the events as they did; otherwise only the windows fill
     */
    void replay(List<E> events, Instant takenAt, long position, boolean learn);

    /**
     * After the journal was taken again: the windows it filled get their whole idle timeout from {@code now}, since
     * the time the process was down is not their entities' (their sources may hold what they sent meanwhile).
     */
    void resumeIdleTimeouts(Instant now);

    /**
     * Closes the windows of entities that had no event for the idle timeout (wall clock {@code now}) and scores them;
     * forgets what nothing touched since {@code evictBefore}.
     */
    List<Score> closeIdle(Instant now, Instant evictBefore);

    /** The lowest journal position an open window holds an event of; {@link Long#MAX_VALUE} when none is open. */
    long oldestOpenPosition();

    /** What the stream has learned, by the key each part is saved under; read at start, written on a timer. */
    Map<String, Snapshotted> state();

    /** How a stream takes events: live, or again from the journal after a stop. */
    enum Taking {
        /** Windows fill, closed windows are scored (detectors learn), the scores come back. */
        LIVE,
        /** As live, but nobody hears the scores: the learned state catches up with what it had learned before. */
        LEARN,
        /** Windows fill; closed windows are dropped unscored: the learned state had already learned from them. */
        FILL;

        public static Taking replay(boolean learn) {
            return learn ? LEARN : FILL;
        }
    }
}
