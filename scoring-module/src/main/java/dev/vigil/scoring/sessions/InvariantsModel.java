package dev.vigil.scoring.sessions;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.vigil.contracts.Finding;
import dev.vigil.features.logs.Session;
import dev.vigil.features.state.SnapshotMismatchException;
import dev.vigil.scoring.config.ModelDefinition;

/**
 * Invariants of the event-count vector (Lou et al., "Mining Invariants from Console Logs for System Problem
 * Detection", USENIX ATC 2010), kept to what a person can check: pairs of events whose counts keep a small integer
 * ratio in normal sessions ("as many {@code PacketResponder terminating} as {@code Receiving block}", "three
 * {@code Receiving block} per {@code allocateBlock}"), and the set of events normal sessions have at all.
 *
 * <p><b>Training.</b> The first {@code training} sessions are taken as normal. Every event they had is known. For
 * every pair of known events present (either of them) in at least 1 % of those sessions and in at least 10, the ratio
 * {@code a·c1 = b·c2} (coprime {@code a, b} up to {@code maxRatio}) that holds in most of the sessions having either
 * is an invariant when it holds in at least {@code support} of them.
 *
 * <p><b>Judging.</b> A session's statistic is the number of invariants it breaks plus the number of events it has that
 * no training session had; one is enough (limit 1). The finding names them, most supported first.
 */
public final class InvariantsModel implements SessionModel {

    /** Version of the snapshot layout written by {@link #writeTo}. */
    public static final short FORMAT_VERSION = 1;
    /** Share of the training sessions a pair must be present in to be mined... */
    static final double MIN_PRESENCE = 0.01;
    /** ...and at least this many: fewer cannot support an invariant. */
    static final int MIN_SESSIONS = 10;
    /** Broken invariants and unknown events an explanation names. */
    private static final int EVIDENCE = 4;

    /** {@code firstFactor · count(first) = secondFactor · count(second)} in {@code support} of {@code sessions}. */
    public record Invariant(String first, String second, int firstFactor, int secondFactor, double support,
            int sessions) {

        boolean holds(Session session) {
            return (long) firstFactor * session.count(first) == (long) secondFactor * session.count(second);
        }

        /** {@code as many 'b' as 'a'} or {@code 3 'b' per 'a'}. */
        String describe(Function<String, String> templates) {
            if (firstFactor == secondFactor) {
                return "as many " + templates.apply(second) + " as " + templates.apply(first);
            }
            return firstFactor + " " + templates.apply(second) + " per " + secondFactor + " " + templates.apply(first);
        }
    }

    private final ModelDefinition.Invariants settings;
    private final List<Map<String, Integer>> training = new ArrayList<>();
    private long learned;
    private Set<String> known = Set.of();
    private List<Invariant> invariants = List.of();

    public InvariantsModel(ModelDefinition.Invariants settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return ModelDefinition.Invariants.KIND;
    }

    @Override
    public boolean trained() {
        return learned >= settings.training();
    }

    @Override
    public long sessionsLearned() {
        return learned;
    }

    /** The invariants mined, most supported first; empty before training ends. */
    public List<Invariant> invariants() {
        return invariants;
    }

    /** The events the training sessions had. */
    public Set<String> known() {
        return known;
    }

    @Override
    public void learn(Session session) {
        if (trained()) {
            return;
        }
        training.add(Map.copyOf(session.counts()));
        learned++;
        if (trained()) {
            mine();
        }
    }

    private void mine() {
        Set<String> events = new TreeSet<>();
        training.forEach(counts -> events.addAll(counts.keySet()));
        List<String> ordered = new ArrayList<>(events);
        int needed = Math.max(MIN_SESSIONS, (int) Math.ceil(MIN_PRESENCE * training.size()));
        List<Invariant> found = new ArrayList<>();
        int[] first = new int[training.size()];
        int[] second = new int[training.size()];
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                int present = 0;
                for (Map<String, Integer> counts : training) {
                    int a = counts.getOrDefault(ordered.get(i), 0);
                    int b = counts.getOrDefault(ordered.get(j), 0);
                    if (a > 0 || b > 0) {
                        first[present] = a;
                        second[present] = b;
                        present++;
                    }
                }
                if (present >= needed) {
                    best(ordered.get(i), ordered.get(j), first, second, present).ifPresent(found::add);
                }
            }
        }
        found.sort(Comparator.comparingDouble(Invariant::support).reversed().thenComparing(Invariant::first)
                .thenComparing(Invariant::second));
        known = Set.copyOf(events);
        invariants = List.copyOf(found);
        training.clear();
    }

    /** The ratio holding in most of the sessions having either event, if it holds in {@code support} of them. */
    private java.util.Optional<Invariant> best(String a, String b, int[] first, int[] second, int present) {
        int bestHolds = -1;
        int bestA = 0;
        int bestB = 0;
        for (int x = 1; x <= settings.maxRatio(); x++) {
            for (int y = 1; y <= settings.maxRatio(); y++) {
                if (gcd(x, y) != 1) {
                    continue;
                }
                int holds = 0;
                for (int s = 0; s < present; s++) {
                    if ((long) x * first[s] == (long) y * second[s]) {
                        holds++;
                    }
                }
                if (holds > bestHolds) {
                    bestHolds = holds;
                    bestA = x;
                    bestB = y;
                }
            }
        }
        double support = (double) bestHolds / present;
        return support >= settings.support()
                ? java.util.Optional.of(new Invariant(a, b, bestA, bestB, support, present))
                : java.util.Optional.empty();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public SessionVerdict judge(Session session, Function<String, String> templates) {
        if (!trained()) {
            throw new IllegalStateException("the invariants are not mined yet: " + learned + " of "
                    + settings.training() + " training sessions");
        }
        List<String> problems = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        int unknown = 0;
        for (Map.Entry<String, Integer> e : session.counts().entrySet()) {
            if (!known.contains(e.getKey())) {
                unknown++;
                String text = templates.apply(e.getKey()) + " ×" + e.getValue() + ", never in the " + learned
                        + " normal sessions";
                problems.add(text);
                evidence.add(text + ": \"" + session.firstLines().get(e.getKey()) + "\"");
            }
        }
        int broken = 0;
        for (Invariant invariant : invariants) {
            if (!invariant.holds(session)) {
                broken++;
                String text = String.format(Locale.ROOT, "%s ×%d and %s ×%d, but %.1f %% of the %d normal sessions with either had %s",
                        templates.apply(invariant.first()), session.count(invariant.first()),
                        templates.apply(invariant.second()), session.count(invariant.second()),
                        100 * invariant.support(), invariant.sessions(), invariant.describe(templates));
                problems.add(text);
                evidence.add(text);
            }
        }
        double statistic = unknown + broken;
        String description = statistic == 0
                ? "session " + session.id() + " keeps all " + invariants.size() + " count invariants of "
                        + learned + " normal sessions"
                : "session " + session.id() + ": " + (unknown > 0 ? unknown + " event(s) never seen in normal sessions"
                        + (broken > 0 ? ", " : "") : "")
                        + (broken > 0 ? broken + " of " + invariants.size() + " count invariants broken" : "")
                        + ": " + problems.get(0);
        return new SessionVerdict(session, new Finding(kind(), statistic, 1, description),
                evidence.subList(0, Math.min(EVIDENCE, evidence.size())));
    }

    /** Writes the settings, the sessions learned and, while training, their count vectors, else what was mined. */
    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        out.writeInt(settings.training());
        out.writeDouble(settings.support());
        out.writeInt(settings.maxRatio());
        out.writeLong(learned);
        if (!trained()) {
            out.writeInt(training.size());
            for (Map<String, Integer> counts : training) {
                writeCounts(out, counts);
            }
            return;
        }
        out.writeInt(known.size());
        for (String event : new TreeSet<>(known)) {
            out.writeUTF(event);
        }
        out.writeInt(invariants.size());
        for (Invariant i : invariants) {
            out.writeUTF(i.first());
            out.writeUTF(i.second());
            out.writeInt(i.firstFactor());
            out.writeInt(i.secondFactor());
            out.writeDouble(i.support());
            out.writeInt(i.sessions());
        }
    }

    static InvariantsModel readFrom(DataInput in, ModelDefinition.Invariants settings) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("invariants snapshot has format version " + version + ", expected "
                    + FORMAT_VERSION);
        }
        ModelDefinition.Invariants saved = new ModelDefinition.Invariants(in.readInt(), in.readDouble(), in.readInt());
        if (!saved.equals(settings)) {
            throw new SnapshotMismatchException("invariants snapshot was trained with " + saved + ", now " + settings);
        }
        InvariantsModel model = new InvariantsModel(settings);
        model.learned = in.readLong();
        if (!model.trained()) {
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                model.training.add(readCounts(in));
            }
            return model;
        }
        int knownSize = in.readInt();
        Set<String> known = new TreeSet<>();
        for (int i = 0; i < knownSize; i++) {
            known.add(in.readUTF());
        }
        model.known = Set.copyOf(known);
        int size = in.readInt();
        List<Invariant> invariants = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            invariants.add(new Invariant(in.readUTF(), in.readUTF(), in.readInt(), in.readInt(), in.readDouble(),
                    in.readInt()));
        }
        model.invariants = List.copyOf(invariants);
        return model;
    }

    private static void writeCounts(DataOutput out, Map<String, Integer> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static Map<String, Integer> readCounts(DataInput in) throws IOException {
        int size = in.readInt();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < size; i++) {
            counts.put(in.readUTF(), in.readInt());
        }
        return Map.copyOf(counts);
    }
}
