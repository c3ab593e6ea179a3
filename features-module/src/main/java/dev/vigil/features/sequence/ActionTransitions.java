package dev.vigil.features.sequence;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.features.state.SnapshotMismatchException;

/**
 * A first-order Markov model of what follows what: user actions ({@code login → delete → change-password}) or log
 * templates within a session. It learns transition counts from sequences taken as normal and says how surprising a
 * new sequence is, step by step, so an alert can name the transitions that were out of place.
 *
 * <p><b>Probabilities.</b> Every sequence starts from {@link #START}. With {@code c(a,b)} the times {@code b}
 * followed {@code a}, {@code c(a)} the transitions out of {@code a} and {@code V} the states known, the model answers
 * {@code P(b | a) = (c(a,b) + α) / (c(a) + α·(V + 1))}: additive smoothing with one extra slot for a state never
 * seen, so an unseen transition is improbable but never impossible, and a state seen a thousand times that was never
 * followed by {@code b} is more surprising than a state seen twice. A step's surprise is {@code -log2 P}.
 *
 * <p><b>Memory.</b> At most {@code maxStates} states; transitions out of or into a state beyond that are neither
 * learned nor known (scored as unseen). Not thread-safe: callers synchronise, as for a series' state.
 */
public final class ActionTransitions {

    /** Version of the snapshot layout written by {@link #writeTo}. */
    public static final short FORMAT_VERSION = 1;
    /** The state every sequence starts from. */
    public static final String START = "^";

    private final double alpha;
    private final int maxStates;
    private final Map<String, Row> rows = new HashMap<>();
    private final Map<String, Long> stateCounts = new HashMap<>();
    private long sequences;

    /**
     * @param alpha     additive smoothing per transition, {@code > 0} (1 is Laplace; smaller trusts the counts more)
     * @param maxStates the most distinct states remembered, {@code >= 1}
     */
    public ActionTransitions(double alpha, int maxStates) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number, got " + alpha);
        }
        if (maxStates < 1) {
            throw new IllegalArgumentException("maxStates must be at least 1, got " + maxStates);
        }
        this.alpha = alpha;
        this.maxStates = maxStates;
    }

    /** Learns one sequence taken as normal, from {@link #START}. */
    public void learn(List<String> sequence) {
        String previous = START;
        for (String state : sequence) {
            learn(previous, state);
            previous = state;
        }
        sequences++;
    }

    /** Learns one transition; for streams that arrive a step at a time. */
    public void learn(String from, String to) {
        if (!admit(to) || !START.equals(from) && !admit(from)) {
            return;
        }
        rows.computeIfAbsent(from, k -> new Row()).add(to);
        stateCounts.merge(to, 1L, Long::sum);
    }

    /** {@code P(to | from)} as described above. */
    public double probability(String from, String to) {
        Row row = rows.get(from);
        long out = row == null ? 0 : row.total;
        long count = row == null ? 0 : row.counts.getOrDefault(to, 0L);
        return (count + alpha) / (out + alpha * (stateCounts.size() + 1));
    }

    /** How surprising each step of a sequence is, from {@link #START}. The model learns nothing from it. */
    public SequenceSurprise surprise(List<String> sequence) {
        List<Step> steps = new ArrayList<>(sequence.size());
        String previous = START;
        for (String state : sequence) {
            double p = probability(previous, state);
            steps.add(new Step(previous, state, p, -Math.log(p) / Math.log(2), timesSeen(previous, state)));
            previous = state;
        }
        return new SequenceSurprise(steps);
    }

    /** How many times {@code to} followed {@code from} while learning. */
    public long timesSeen(String from, String to) {
        Row row = rows.get(from);
        return row == null ? 0 : row.counts.getOrDefault(to, 0L);
    }

    /** How many times {@code state} was seen as a destination while learning. */
    public long timesSeen(String state) {
        return stateCounts.getOrDefault(state, 0L);
    }

    public int states() {
        return stateCounts.size();
    }

    public long sequencesLearned() {
        return sequences;
    }

    private boolean admit(String state) {
        return stateCounts.containsKey(state) || stateCounts.size() < maxStates;
    }

    /** Writes the counts; {@link #readFrom} restores a model that answers exactly as this one. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        out.writeDouble(alpha);
        out.writeInt(maxStates);
        out.writeLong(sequences);
        out.writeInt(stateCounts.size());
        for (Map.Entry<String, Long> e : stateCounts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeInt(rows.size());
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().counts.size());
            for (Map.Entry<String, Long> c : e.getValue().counts.entrySet()) {
                out.writeUTF(c.getKey());
                out.writeLong(c.getValue());
            }
        }
    }

    /**
     * Reads a model written by {@link #writeTo}.
     *
     * @throws SnapshotMismatchException for another format version, or another smoothing or size than asked for
     */
    public static ActionTransitions readFrom(DataInput in, double alpha, int maxStates) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("transition model snapshot version " + version + ", expected " + FORMAT_VERSION);
        }
        double savedAlpha = in.readDouble();
        int savedMax = in.readInt();
        if (savedAlpha != alpha || savedMax != maxStates) {
            throw new SnapshotMismatchException("transition model snapshot has alpha " + savedAlpha + " and max states "
                    + savedMax + ", expected " + alpha + " and " + maxStates);
        }
        ActionTransitions model = new ActionTransitions(alpha, maxStates);
        model.sequences = in.readLong();
        int states = in.readInt();
        for (int i = 0; i < states; i++) {
            model.stateCounts.put(in.readUTF(), in.readLong());
        }
        int rowCount = in.readInt();
        for (int i = 0; i < rowCount; i++) {
            Row row = new Row();
            model.rows.put(in.readUTF(), row);
            int counts = in.readInt();
            for (int j = 0; j < counts; j++) {
                row.add(in.readUTF(), in.readLong());
            }
        }
        return model;
    }

    /** One step of a scored sequence: {@code from → to}, its probability, surprise in bits and how often it was seen. */
    public record Step(String from, String to, double probability, double bits, long timesSeen) {
    }

    /** The steps of a scored sequence, with the summaries an explanation needs. */
    public record SequenceSurprise(List<Step> steps) {

        public SequenceSurprise {
            steps = List.copyOf(steps);
        }

        /** Total surprise in bits ({@code -log2} of the sequence's probability). */
        public double totalBits() {
            return steps.stream().mapToDouble(Step::bits).sum();
        }

        /** Mean surprise per step in bits; 0 for an empty sequence. */
        public double meanBits() {
            return steps.isEmpty() ? 0 : totalBits() / steps.size();
        }

        /** The least probable step, if any. */
        public Step rarest() {
            return steps.stream().min(Comparator.comparingDouble(Step::probability)).orElse(null);
        }

        /** The {@code n} least probable steps, least probable first: the transitions an explanation names. */
        public List<Step> rarest(int n) {
            return steps.stream().sorted(Comparator.comparingDouble(Step::probability)).limit(n).toList();
        }
    }

    private static final class Row {
        private final Map<String, Long> counts = new HashMap<>();
        private long total;

        void add(String to) {
            add(to, 1);
        }

        void add(String to, long n) {
            counts.merge(to, n, Long::sum);
            total += n;
        }
    }
}
