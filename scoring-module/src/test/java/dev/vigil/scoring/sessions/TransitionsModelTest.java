package dev.vigil.scoring.sessions;

import java.util.List;
import java.util.Random;

import dev.vigil.scoring.config.ModelDefinition;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.sessions.Sessions.normal;
import static dev.vigil.scoring.sessions.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

class TransitionsModelTest {

    private static final ModelDefinition.Transitions SETTINGS = new ModelDefinition.Transitions(500, 0.1, 13, 1000);

    private static TransitionsModel trained() {
        TransitionsModel model = new TransitionsModel(SETTINGS);
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            model.learn(normal("blk_" + i, random));
        }
        return model;
    }

    @Test
    void aSessionInTheUsualOrderIsNormal() {
        SessionVerdict verdict = trained().judge(normal("blk_x", new Random(11)), Sessions::label);

        assertThat(verdict.anomalous()).isFalse();
        assertThat(verdict.finding().statistic()).isLessThan(13);
    }

    @Test
    void aResponderBeforeAnyReceiveIsOutOfPlaceAndNamed() {
        SessionVerdict verdict = trained().judge(session("blk_5", List.of("E22", "E11", "E5", "E5", "E5", "E9", "E11",
                "E9", "E11", "E9", "E26", "E26", "E26")), Sessions::label);

        // both steps were never seen; the one after the more frequent event is the more surprising
        assertThat(verdict.anomalous()).isTrue();
        assertThat(verdict.finding().description()).startsWith("session blk_5: 'E5' after 'E11': 0 of 1500 times in "
                + "normal sessions (p = 6.7e-05) (13.9 bits, limit 13.0)");
        assertThat(verdict.evidence()).containsExactly(
                "'E5' after 'E11': 0 of 1500 times in normal sessions (p = 6.7e-05): \"E5 line of blk_5\"",
                "'E9' after 'E5': 0 of 1500 times in normal sessions (p = 6.7e-05): \"E9 line of blk_5\"");
    }

    @Test
    void aSessionThatStopsWhereNormalOnesNeverStopIsOutOfPlace() {
        SessionVerdict verdict = trained().judge(session("blk_6", List.of("E22", "E5", "E5", "E5")), Sessions::label);

        assertThat(verdict.anomalous()).isTrue();
        assertThat(verdict.finding().description()).startsWith("session blk_6: the session's end after 'E5': 0 of ");
    }

    @Test
    void aRestoredModelJudgesExactlyAsTheOriginal() throws Exception {
        TransitionsModel model = trained();
        TransitionsModel restored = (TransitionsModel) SessionModels.readFrom(Sessions.read(Sessions.write(model)), SETTINGS);
        var odd = session("blk_7", List.of("E5", "E26", "E22"));

        assertThat(restored.trained()).isTrue();
        assertThat(restored.judge(odd, Sessions::label)).isEqualTo(model.judge(odd, Sessions::label));
    }
}
