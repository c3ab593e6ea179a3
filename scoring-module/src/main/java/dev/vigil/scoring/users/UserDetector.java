package dev.vigil.scoring.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.contracts.Score;
import dev.vigil.features.state.SnapshotMismatchException;
import dev.vigil.features.users.EntityKind;
import dev.vigil.features.users.UserWindow;
import dev.vigil.scoring.Judgement;
import dev.vigil.scoring.WindowVerdict;

/**
 * A named set of {@link UserScorer}s judging the closed windows of one kind of entity (users, or client addresses).
 * Hard rules judge every window; scorers that compare an entity with its own habits (risk, the model) wait until it
 * has {@code minHistory}. The strongest finding decides the score, on the shared 0..1 scale, and leads the
 * explanation; every finding follows it, and the window's evidence with theirs. Then every scorer learns from the
 * window (the sequence model only from normal ones).
 * <p>
 * With {@link Report#ANOMALIES} a normal window of an entity that has not been anomalous lately gives no score at
 * all: a detector of client addresses sees thousands that never misbehave, and the alert lifecycle need not
 * remember them. After an anomalous score the entity's next {@code recoveryWindows} normal scores are reported, so
 * its alert can resolve. Thread-safe (one window at a time).
 */
public final class UserDetector {

    /** Which windows give a score. */
    public enum Report {
        /** Every judged window. */
        ALL,
        /** Anomalous windows, and the normal ones after them until an alert can have resolved. */
        ANOMALIES
    }

    private final String name;
    private final EntityKind entity;
    private final Duration minHistory;
    private final List<UserScorer> scorers;
    private final Report report;
    private final int recoveryWindows;
    /** Entities of an {@link Report#ANOMALIES} detector that still owe normal scores. */
    private final Map<String, Integer> owed = new HashMap<>();

    public UserDetector(String name, EntityKind entity, Duration minHistory, List<UserScorer> scorers, Report report,
            int recoveryWindows) {
        if (scorers.isEmpty()) {
            throw new IllegalArgumentException("detector " + name + " has no scorer");
        }
        this.name = name;
        this.entity = entity;
        this.minHistory = minHistory;
        this.scorers = List.copyOf(scorers);
        this.report = report;
        this.recoveryWindows = recoveryWindows;
    }

    public String name() {
        return name;
    }

    public EntityKind entity() {
        return entity;
    }

    public List<UserScorer> scorers() {
        return scorers;
    }

    /**
     * Judges a window of this detector's kind of entity; empty for another kind, for a window no scorer could judge
     * yet, and (with {@link Report#ANOMALIES}) for a normal window nobody needs to hear of.
     */
    public synchronized Optional<Score> evaluate(UserWindow window) {
        if (window.kind() != entity) {
            return Optional.empty();
        }
        boolean young = window.historyHours() * 3600 < minHistory.toSeconds();
        List<Judgement> judgements = new ArrayList<>(scorers.size());
        for (UserScorer scorer : scorers) {
            if (!(young && scorer.needsHistory())) {
                scorer.judge(window).ifPresent(judgements::add);
            }
        }
        Optional<Score> score = judgements.isEmpty() ? Optional.empty() : Optional.of(WindowVerdict.of(name, window.vector(), judgements, window.evidence()));
        boolean anomalous = score.map(Score::anomalous).orElse(false);
        for (UserScorer scorer : scorers) {
            scorer.learn(window, anomalous);
        }
        return score.filter(s -> reported(window.vector().entity(), s.anomalous()));
    }

    private boolean reported(String entityName, boolean anomalous) {
        if (report == Report.ALL) {
            return true;
        }
        if (anomalous) {
            owed.put(entityName, recoveryWindows);
            return true;
        }
        Integer left = owed.computeIfPresent(entityName, (k, n) -> n - 1);
        if (left == null) {
            return false;
        }
        if (left <= 0) {
            owed.remove(entityName);
        }
        return true;
    }

    /** Whether any scorer keeps learned state worth saving. */
    public boolean stateful() {
        return scorers.stream().anyMatch(UserScorer::stateful);
    }

    /** What a saved state is valid for: the stateful scorers' specs, in order. */
    public String stateSpec() {
        return String.join(";", scorers.stream().filter(UserScorer::stateful).map(UserScorer::stateSpec).toList());
    }

    public synchronized void writeState(DataOutput out) throws IOException {
        out.writeUTF(stateSpec());
        for (UserScorer scorer : scorers) {
            if (scorer.stateful()) {
                scorer.writeState(out);
            }
        }
    }

    /** @throws SnapshotMismatchException for a state saved by a detector configured otherwise */
    public synchronized void readState(DataInput in) throws IOException {
        String spec = in.readUTF();
        if (!spec.equals(stateSpec())) {
            throw new SnapshotMismatchException("state of '" + spec + "', expected '" + stateSpec() + "'");
        }
        for (UserScorer scorer : scorers) {
            if (scorer.stateful()) {
                scorer.readState(in);
            }
        }
    }
}
