package dev.vigil.app.detection;

import java.util.List;

import dev.vigil.contracts.Score;
import dev.vigil.feedback.history.ScoreHistory;
import org.apache.camel.Exchange;

/**
 * What a route does with the scores it hands to alerting: each is kept in the score history (off the route's thread)
 * and the list becomes the exchange's body; {@link #anyScore} lets only a non-empty list through to the door.
 */
public final class ScoresOut {

    private final ScoreHistory history;

    public ScoresOut(ScoreHistory history) {
        this.history = history;
    }

    /** Records the scores and makes them the body alerting takes. */
    public void hand(Exchange exchange, List<Score> scores) {
        for (Score score : scores) {
            history.record(score);
        }
        exchange.getMessage().setBody(scores);
    }

    /** Whether the body holds any score. */
    public static boolean anyScore(Exchange exchange) {
        return !exchange.getMessage().getBody(List.class).isEmpty();
    }
}
