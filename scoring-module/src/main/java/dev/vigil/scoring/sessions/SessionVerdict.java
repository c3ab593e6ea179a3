package dev.vigil.scoring.sessions;

import java.util.List;

import dev.vigil.contracts.Finding;
import dev.vigil.features.logs.Session;

/**
 * What a session model says of one closed session.
 *
 * @param session  the session judged
 * @param finding  the model's statistic against its limit, with one sentence naming the session and what was wrong
 * @param evidence the events that were out of place, most telling first, each with the session's own line of it
 */
public record SessionVerdict(Session session, Finding finding, List<String> evidence) {

    public SessionVerdict {
        evidence = List.copyOf(evidence);
    }

    public boolean anomalous() {
        return finding.anomalous();
    }
}
