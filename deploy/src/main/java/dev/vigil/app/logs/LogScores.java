package dev.vigil.app.logs;

import java.time.Instant;

import dev.vigil.features.FeatureVector;
import dev.vigil.scoring.Score;

/** Where the log stream's results go: the detection pipeline, which counts, records and alerts them. */
public interface LogScores {

    /** A service window closed: the service was heard in it (a silence alert about it may resolve). */
    void heard(FeatureVector serviceWindow);

    /** A score of a log detector, for the alert lifecycle. */
    void score(Score score);

    /** The windows closed by an event of this time have been scored (for the detection delay). */
    void closedBy(Instant eventTime);
}
