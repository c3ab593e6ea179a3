package dev.vigil.scoring.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.config.ModelDefinition;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.sessions.Sessions.normal;
import static dev.vigil.scoring.sessions.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

class SessionScoresTest {

    private static final Instant START = Instant.parse("2026-01-06T10:00:00Z");
    private static final FeatureVector WINDOW = new FeatureVector("hdfs", "datanode", new TreeMap<>(Map.of("service", "datanode")),
            START, START.plusSeconds(60), Map.of("events", 10.0));

    private final InvariantsModel model = new InvariantsModel(new ModelDefinition.Invariants(100, 0.98, 3));

    SessionScoresTest() {
        Random random = new Random(5);
        for (int i = 0; i < 100; i++) {
            model.learn(normal("blk_" + i, random));
        }
    }

    @Test
    void aWindowWithoutBrokenSessionsIsNormal() {
        VerdictTally tally = new VerdictTally();
        tally.add(model.judge(normal("blk_a", new Random(1)), Sessions::label));

        Score score = SessionScores.window("log-session-counts", WINDOW, tally);

        assertThat(score.anomalous()).isFalse();
        assertThat(score.score()).isZero();
        assertThat(score.entity()).isEqualTo("datanode");
        assertThat(score.timestamp()).isEqualTo(START.plusSeconds(60));
        assertThat(score.explanation().summary()).isEqualTo("1 session(s) closed in this window, none out of pattern");
        assertThat(SessionScores.window("log-session-counts", WINDOW, new VerdictTally()).explanation().summary())
                .isEqualTo("0 session(s) closed in this window, none out of pattern");
    }

    @Test
    void theWorstSessionLeadsAndTheOthersAreNamedAfterIt() {
        VerdictTally tally = new VerdictTally();
        Random random = new Random(2);
        for (int i = 0; i < 20; i++) {
            tally.add(model.judge(normal("blk_ok" + i, random), Sessions::label));
        }
        tally.add(model.judge(session("blk_bad1", List.of("E22", "E5", "E5", "E5", "E13")), Sessions::label));
        tally.add(model.judge(session("blk_bad2", List.of("E22", "E5", "E5", "E5", "E11", "E9", "E11", "E9", "E11", "E9",
                "E26", "E26", "E26", "E13")), Sessions::label));

        Score score = SessionScores.window("log-session-counts", WINDOW, tally);

        assertThat(score.anomalous()).isTrue();
        assertThat(score.explanation().observed()).isEqualTo(2);
        assertThat(score.explanation().summary()).startsWith("2 of 22 session(s) closed in this window out of pattern; "
                + "worst session blk_bad1: 1 event(s) never seen in normal sessions, 6 of 10 count invariants broken");
        assertThat(score.explanation().findings()).hasSize(3);
        assertThat(score.explanation().evidence()).first().asString().startsWith("session blk_bad1: 'E13' ×1, never in");
        assertThat(score.explanation().evidence()).last().asString().startsWith("session blk_bad2: 'E13' ×1");
        assertThat(score.score()).isEqualTo(Score.normalise(7));
    }
}
