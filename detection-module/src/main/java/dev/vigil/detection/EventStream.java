package dev.vigil.detection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vigil.detection.state.StateSnapshots.Snapshotted;
import dev.vigil.scoring.Score;

/**
 * One kind of event through detection: events open and fill windows, closed windows are scored, and the scores come
 * back. Every stream (metrics, logs, users) works this way, so the engine feeds, sweeps and saves them alike.
 * Implementations are thread-safe.
 *
 * @param <E> the event record the stream takes
 */
public interface EventStream<E> {

    /** The stream's name: {@code metrics}, {@code logs}, {@code users}. */
    String name();

    /** Takes a batch of events; returns the scores of every window the batch closed, in window order per entity. */
    List<Score> onEvents(List<E> batch, Instant now);

    /**
     * Closes the windows of entities that had no event for the idle timeout (wall clock {@code now}) and scores them;
     * forgets what nothing touched since {@code evictBefore}.
     */
    List<Score> closeIdle(Instant now, Instant evictBefore);

    /** What the stream has learned, by the key each part is saved under; read at start, written on a timer. */
    Map<String, Snapshotted> state();
}
