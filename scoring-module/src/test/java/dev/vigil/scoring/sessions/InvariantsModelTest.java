package dev.vigil.scoring.sessions;

import java.util.List;
import java.util.Random;

import dev.vigil.features.state.SnapshotMismatchException;
import dev.vigil.scoring.config.ModelDefinition;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.sessions.Sessions.normal;
import static dev.vigil.scoring.sessions.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvariantsModelTest {

    private static final ModelDefinition.Invariants SETTINGS = new ModelDefinition.Invariants(200, 0.98, 3);

    private static InvariantsModel trained() {
        InvariantsModel model = new InvariantsModel(SETTINGS);
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            model.learn(normal("blk_" + i, random));
        }
        return model;
    }

    @Test
    void minesTheRatiosNormalSessionsKeepAndNothingFromOptionalEvents() {
        InvariantsModel model = trained();

        assertThat(model.trained()).isTrue();
        assertThat(model.known()).containsExactlyInAnyOrder("E2", "E5", "E9", "E11", "E22", "E26");
        assertThat(model.invariants()).extracting(i -> i.first() + ":" + i.second() + "=" + i.firstFactor() + ":" + i.secondFactor())
                .containsExactlyInAnyOrder("E11:E22=1:3", "E11:E26=1:1", "E11:E5=1:1", "E11:E9=1:1", "E22:E26=3:1",
                        "E22:E5=3:1", "E22:E9=3:1", "E26:E5=1:1", "E26:E9=1:1", "E5:E9=1:1");
    }

    @Test
    void aNormalSessionKeepsThemAll() {
        SessionVerdict verdict = trained().judge(normal("blk_x", new Random(99)), Sessions::label);

        assertThat(verdict.anomalous()).isFalse();
        assertThat(verdict.finding().statistic()).isZero();
        assertThat(verdict.evidence()).isEmpty();
    }

    @Test
    void aWriteThatLostAReplicaBreaksTheRatiosAndNamesThem() {
        // one receiver failed: three receives, but two responders and two blockMap updates
        SessionVerdict verdict = trained().judge(session("blk_7", List.of("E22", "E5", "E5", "E5", "E11", "E9", "E11",
                "E9", "E26", "E26")), Sessions::label);

        assertThat(verdict.anomalous()).isTrue();
        assertThat(verdict.finding().statistic()).isEqualTo(6); // E5 and E22 against E9, E11, E26
        assertThat(verdict.finding().description()).startsWith("session blk_7: 6 of 10 count invariants broken: ");
        assertThat(verdict.evidence()).hasSize(4).allMatch(e -> e.contains("100.0 % of the 200 normal sessions with either had"));
        assertThat(verdict.evidence()).contains("'E11' ×2 and 'E5' ×3, but 100.0 % of the 200 normal sessions with either "
                + "had as many 'E5' as 'E11'");
    }

    @Test
    void anEventNoNormalSessionHadIsOutOfPatternWithItsLine() {
        SessionVerdict verdict = trained().judge(session("blk_8", List.of("E22", "E5", "E5", "E5", "E11", "E9", "E11",
                "E9", "E11", "E9", "E26", "E26", "E26", "E13")), Sessions::label);

        assertThat(verdict.anomalous()).isTrue();
        assertThat(verdict.finding().statistic()).isEqualTo(1);
        assertThat(verdict.finding().description())
                .isEqualTo("session blk_8: 1 event(s) never seen in normal sessions: 'E13' ×1, never in the 200 normal sessions");
        assertThat(verdict.evidence()).containsExactly("'E13' ×1, never in the 200 normal sessions: \"E13 line of blk_8\"");
    }

    @Test
    void learnsOnlyItsTrainingSessionsAndJudgesNothingBefore() {
        InvariantsModel model = new InvariantsModel(SETTINGS);
        model.learn(normal("blk_0", new Random(1)));

        assertThat(model.trained()).isFalse();
        assertThatThrownBy(() -> model.judge(normal("blk_1", new Random(1)), Sessions::label))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 of 200 training sessions");
        InvariantsModel full = trained();
        full.learn(session("blk_odd", List.of("E13")));
        assertThat(full.sessionsLearned()).isEqualTo(200);
        assertThat(full.known()).doesNotContain("E13");
    }

    @Test
    void aRestoredModelJudgesAsTheOriginalAndAHalfTrainedOneGoesOnTraining() throws Exception {
        InvariantsModel model = trained();
        InvariantsModel restored = (InvariantsModel) SessionModels.readFrom(Sessions.read(Sessions.write(model)), SETTINGS);
        var broken = session("blk_9", List.of("E22", "E5", "E5", "E11", "E9"));

        assertThat(restored.invariants()).isEqualTo(model.invariants());
        assertThat(restored.judge(broken, Sessions::label)).isEqualTo(model.judge(broken, Sessions::label));

        InvariantsModel half = new InvariantsModel(SETTINGS);
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            half.learn(normal("blk_" + i, random));
        }
        InvariantsModel resumed = (InvariantsModel) SessionModels.readFrom(Sessions.read(Sessions.write(half)), SETTINGS);
        for (int i = 100; i < 200; i++) {
            resumed.learn(normal("blk_" + i, random));
        }
        assertThat(resumed.invariants()).isEqualTo(model.invariants());
        assertThatThrownBy(() -> SessionModels.readFrom(Sessions.read(Sessions.write(model)),
                new ModelDefinition.Invariants(200, 0.9, 3))).isInstanceOf(SnapshotMismatchException.class);
    }
}
