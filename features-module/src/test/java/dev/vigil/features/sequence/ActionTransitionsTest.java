package dev.vigil.features.sequence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import dev.vigil.features.sequence.ActionTransitions.SequenceSurprise;
import dev.vigil.features.sequence.ActionTransitions.Step;
import dev.vigil.features.state.SnapshotMismatchException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ActionTransitionsTest {

    private static final List<String> BROWSE = List.of("login", "view", "view", "edit", "logout");

    @Test
    void probabilitiesAreSmoothedCountsThatSumToOneWithTheUnseenSlot() {
        ActionTransitions model = new ActionTransitions(1, 100);
        model.learn(BROWSE);
        // states: view, edit, logout, login (4); out of "view": view 1, edit 1
        assertThat(model.probability("view", "edit")).isCloseTo((1 + 1.0) / (2 + 5), within(1e-12));
        assertThat(model.probability("view", "delete")).isCloseTo(1.0 / 7, within(1e-12));
        double known = List.of("login", "view", "edit", "logout").stream()
                .mapToDouble(s -> model.probability("view", s)).sum();
        assertThat(known + model.probability("view", "never-seen")).isCloseTo(1, within(1e-12));
    }

    @Test
    void aSequenceNeverSeenIsFarMoreSurprisingThanTheUsualOneAndNamesItsRarestStep() {
        ActionTransitions model = new ActionTransitions(0.1, 100);
        for (int i = 0; i < 200; i++) {
            model.learn(BROWSE);
        }
        model.learn(List.of("login", "change-password", "logout"));

        SequenceSurprise usual = model.surprise(BROWSE);
        SequenceSurprise takeover = model.surprise(List.of("login", "delete", "delete", "change-password"));

        assertThat(takeover.meanBits()).isGreaterThan(usual.meanBits() * 5);
        Step rarest = takeover.rarest();
        assertThat(rarest.from()).isEqualTo("login");
        assertThat(rarest.to()).isEqualTo("delete");
        assertThat(rarest.timesSeen()).isZero();
        assertThat(takeover.rarest(2)).extracting(Step::to).containsExactly("delete", "delete");
        assertThat(usual.steps().get(0).from()).isEqualTo(ActionTransitions.START);
    }

    @Test
    void scoringLearnsNothing() {
        ActionTransitions model = new ActionTransitions(1, 100);
        model.learn(BROWSE);
        double before = model.probability("login", "delete");
        model.surprise(List.of("login", "delete"));
        assertThat(model.probability("login", "delete")).isEqualTo(before);
        assertThat(model.sequencesLearned()).isEqualTo(1);
    }

    @Test
    void statesBeyondTheLimitAreNotLearned() {
        ActionTransitions model = new ActionTransitions(1, 2);
        model.learn(List.of("a", "b", "c"));
        assertThat(model.states()).isEqualTo(2);
        assertThat(model.timesSeen("b", "c")).isZero();
        assertThat(model.timesSeen("a", "b")).isEqualTo(1);
    }

    @Test
    void aRestoredModelAnswersExactlyAsTheOriginal() throws IOException {
        ActionTransitions model = new ActionTransitions(0.5, 50);
        model.learn(BROWSE);
        model.learn(List.of("login", "edit", "edit", "logout"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.writeTo(new DataOutputStream(bytes));

        ActionTransitions restored = ActionTransitions.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 0.5, 50);

        List<String> probe = List.of("login", "edit", "view", "delete", "logout");
        assertThat(restored.surprise(probe)).isEqualTo(model.surprise(probe));
        assertThat(restored.sequencesLearned()).isEqualTo(2);
        assertThatThrownBy(() -> ActionTransitions.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1, 50))
                .isInstanceOf(SnapshotMismatchException.class).hasMessageContaining("alpha");
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThatThrownBy(() -> new ActionTransitions(0, 10)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new ActionTransitions(Double.NaN, 10)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new ActionTransitions(1, 0)).hasMessageContaining("maxStates");
    }
}
