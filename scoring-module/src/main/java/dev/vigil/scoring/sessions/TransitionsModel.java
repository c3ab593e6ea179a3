package dev.vigil.scoring.sessions;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.vigil.contracts.Finding;
import dev.vigil.features.logs.Session;
import dev.vigil.features.sequence.ActionTransitions;
import dev.vigil.features.sequence.ActionTransitions.SequenceSurprise;
import dev.vigil.features.sequence.ActionTransitions.Step;
import dev.vigil.features.state.SnapshotMismatchException;
import dev.vigil.scoring.config.ModelDefinition;

/**
 * The order of a session's events, judged with the {@link ActionTransitions} learned from a service's first
 * {@code training} sessions: each session is its template ids from the model's start, then {@link #END} (so a session
 * that stops where normal ones never stop is out of place too; a session cut at its length limit has no end). The
 * statistic is the surprise of the least likely step, {@code -log2 P(step)} in bits, against {@code limitBits}: with
 * the defaults (alpha 0.1, 13 bits) a step is out of place when it is rarer than about one in 8,000, which a step
 * never seen after an event that normal sessions had a thousand times is.
 */
public final class TransitionsModel implements SessionModel {

    /** Version of the snapshot layout written by {@link #writeTo}. */
    public static final short FORMAT_VERSION = 1;
    /** The state every complete session ends in. */
    public static final String END = "$";
    /** Out-of-place steps an explanation names. */
    private static final int EVIDENCE = 3;

    private final ModelDefinition.Transitions settings;
    private final ActionTransitions model;

    public TransitionsModel(ModelDefinition.Transitions settings) {
        this(settings, new ActionTransitions(settings.alpha(), settings.maxStates()));
    }

    private TransitionsModel(ModelDefinition.Transitions settings, ActionTransitions model) {
        this.settings = settings;
        this.model = model;
    }

    @Override
    public String kind() {
        return ModelDefinition.Transitions.KIND;
    }

    @Override
    public boolean trained() {
        return model.sequencesLearned() >= settings.training();
    }

    @Override
    public long sessionsLearned() {
        return model.sequencesLearned();
    }

    @Override
    public void learn(Session session) {
        if (!trained()) {
            model.learn(steps(session));
        }
    }

    @Override
    public SessionVerdict judge(Session session, Function<String, String> templates) {
        if (!trained()) {
            throw new IllegalStateException("the transitions are not learned yet: " + model.sequencesLearned() + " of "
                    + settings.training() + " training sessions");
        }
        Function<String, String> names = state -> ActionTransitions.START.equals(state) ? "the session's start"
                : END.equals(state) ? "the session's end" : templates.apply(state);
        SequenceSurprise surprise = model.surprise(steps(session));
        List<Step> rarest = surprise.rarest(EVIDENCE);
        if (rarest.isEmpty()) {
            return new SessionVerdict(session, new Finding(kind(), 0, settings.limitBits(),
                    "session " + session.id() + " has no events"), List.of());
        }
        Step worst = rarest.get(0);
        List<String> evidence = new ArrayList<>();
        for (Step step : rarest) {
            if (step != worst && step.bits() < settings.limitBits()) {
                break;
            }
            String line = session.firstLines().get(step.to());
            evidence.add(describe(step, names) + (line == null ? "" : ": \"" + line + "\""));
        }
        String description = String.format(Locale.ROOT, "session %s: %s (%.1f bits, limit %.1f)%s", session.id(),
                describe(worst, names), worst.bits(), settings.limitBits(),
                session.truncated() ? "; only its first " + session.events().size() + " events were kept" : "");
        return new SessionVerdict(session, new Finding(kind(), worst.bits(), settings.limitBits(), description), evidence);
    }

    /** {@code 'B' after 'A': 0 of 1,200 times in normal sessions (p = 0.00008)}. */
    private String describe(Step step, Function<String, String> names) {
        long after = ActionTransitions.START.equals(step.from()) ? model.sequencesLearned() : model.timesSeen(step.from());
        return String.format(Locale.ROOT, "%s after %s: %d of %d times in normal sessions (p = %.2g)",
                names.apply(step.to()), names.apply(step.from()), step.timesSeen(), after, step.probability());
    }

    private static List<String> steps(Session session) {
        if (session.truncated()) {
            return session.events();
        }
        List<String> steps = new ArrayList<>(session.events().size() + 1);
        steps.addAll(session.events());
        steps.add(END);
        return steps;
    }

    /**
     * Writes the transition counts. The training length and the limit are not part of it: a model restored under a
     * longer training goes on learning, and a new limit judges with the same counts.
     */
    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        model.writeTo(out);
    }

    static TransitionsModel readFrom(DataInput in, ModelDefinition.Transitions settings) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("transitions snapshot has format version " + version + ", expected "
                    + FORMAT_VERSION);
        }
        return new TransitionsModel(settings, ActionTransitions.readFrom(in, settings.alpha(), settings.maxStates()));
    }
}
