package dev.vigil.app.logs;

import java.time.Instant;

import dev.vigil.features.FeatureVector;
import dev.vigil.scoring.Score;

/** Where the log stream's results go: the detection pipeline, which counts, records and alerts them. */
public interface LogScores {

    /** A service window closed: the service was heard in it (a silence alert about it may resolve). */
    void heard(FeatureVector serviceWindow);

    /** A score for the alert lifecycle: a service's log incident, or one log detector's score when each alerts alone. */
    void score(Score score);

    /** A log detector's score that a service's incident joins: for the record (history, metrics), not for alerting. */
    void kept(Score score);

    /** The windows closed by an event of this time have been scored (for the detection delay). */
    void closedBy(Instant eventTime);
}
