package dev.vigil.scoring.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Numbers;
import dev.vigil.features.state.BoundedRegistry;
import dev.vigil.features.state.SnapshotMismatchException;
import dev.vigil.scoring.RefractoryPeriod;

/**
 * A detector's members for each entity, judged on one scale. The members of an entity are each of its member scorers
 * on each feature (the finding's statistic over its limit is the member's raw score) and each model-backed detector:
 * one model over all its features, or one per feature. Each member's raw score becomes its surprise
 * ({@link AnomalyLikelihood}: how unusual its recent scores are for this entity), and the entity's verdict is the
 * strongest surprise less {@code log10} of the members that spoke (a Bonferroni correction: with more members, a
 * high surprise of one of them is less rare), so no member dominates by being noisy and a host with forty metrics
 * is not forty times as likely to alarm. A {@link RefractoryPeriod} follows each alarm. Until every member of an entity
 * has learned its {@code min-values} scores, the detector's raw findings decide.
 * <p>
 * An entity's members (and their models) live in a {@link BoundedRegistry} that turns new entities away when full
 * ({@link EnsembleSettings#maxEntities}): those are judged by their scorers' raw findings alone, never by a model
 * relearned over and over. Its features are fixed when it is first seen; a window with a feature it does not know
 * starts it afresh with the new features. Thread-safe: an entity is judged under its monitor.
 */
public final class Ensemble {

    /** The name of the combined finding. */
    public static final String LIKELIHOOD = "likelihood";
    /** Version of the snapshot format. */
    public static final short FORMAT_VERSION = 1;

    private final EnsembleSettings settings;
    private final List<String> scorers;
    private final BoundedRegistry<EntityKey, Members> entities;

    /**
     * @param scorers the detector's scorers, in order: those {@link EnsembleSettings#scorers} names are members on
     *                each feature
     */
    public Ensemble(EnsembleSettings settings, List<String> scorers, Clock clock) {
        this.settings = settings;
        this.scorers = List.copyOf(scorers);
        this.entities = new BoundedRegistry<>(settings.maxEntities(), BoundedRegistry.WhenFull.REFUSE, clock);
    }

    public EnsembleSettings settings() {
        return settings;
    }

    /**
     * What the members say of one step of an entity, then what they learn from it.
     *
     * @param features   the entity's features, in order
     * @param values     their values, {@code NaN} where the step lacks one
     * @param findings   per feature, each scorer's raw finding in the scorers' order, or {@code null} for a feature
     *                   not judged (still warming up, or absent from the step)
     * @return the verdict, or {@code null} while no member has a history to be judged against (or the entity was
     *         turned away): the raw findings decide then
     */
    public Verdict judge(String source, String entity, List<String> features, double[] values, Finding[][] findings) {
        EntityKey key = new EntityKey(source, entity);
        Members members = entities.get(key, k -> newMembers(k, features));
        if (members == null) {
            return null;
        }
        if (!members.features.equals(features)) {
            if (!members.features.containsAll(features)) {
                members = newMembers(key, union(members.features, features));
                entities.removeIf(key::equals);
                Members fresh = members;
                members = entities.get(key, k -> fresh);
                if (members == null) {
                    return null;
                }
            }
            values = align(members.features, features, values);
            findings = alignFindings(members.features, features, findings);
        }
        synchronized (members) {
            return members.judge(values, findings);
        }
    }

    private static List<String> union(List<String> known, List<String> now) {
        List<String> all = new ArrayList<>(known);
        now.stream().filter(f -> !all.contains(f)).forEach(all::add);
        return all.stream().sorted().toList();
    }

    private static double[] align(List<String> to, List<String> from, double[] values) {
        double[] aligned = new double[to.size()];
        java.util.Arrays.fill(aligned, Double.NaN);
        for (int i = 0; i < from.size(); i++) {
            aligned[to.indexOf(from.get(i))] = values[i];
        }
        return aligned;
    }

    private static Finding[][] alignFindings(List<String> to, List<String> from, Finding[][] findings) {
        Finding[][] aligned = new Finding[to.size()][];
        for (int i = 0; i < from.size(); i++) {
            aligned[to.indexOf(from.get(i))] = findings[i];
        }
        return aligned;
    }

    private Members newMembers(EntityKey key, List<String> features) {
        return new Members(List.copyOf(features), seed(key));
    }

    /** The entity's models' randomness, from its name: a replay of the same data scores the same. */
    private static long seed(EntityKey key) {
        return (key.source() + '\u0000' + key.entity()).hashCode() * 0x9E3779B97F4A7C15L;
    }

    /** Forgets what one entity has learned; returns whether it had learned anything. */
    public boolean forget(String source, String entity) {
        return entities.removeIf(new EntityKey(source, entity)::equals) > 0;
    }

    /** Forgets the entities nobody judged since {@code cutoff} (wall clock). */
    public int evictIdle(Instant cutoff) {
        return entities.evictIdle(cutoff);
    }

    public int size() {
        return entities.size();
    }

    /** New entities turned away because the ensemble was full. */
    public long refusals() {
        return entities.refusals();
    }

    /** What the snapshot is valid for. */
    public String spec() {
        return settings.spec();
    }

    /**
     * Writes every entity, least recently used first: format version, entity count, then per entity its source,
     * entity and features, its slots, and each model's own snapshot, in member order.
     */
    public void writeSnapshot(DataOutput out) throws IOException {
        List<Map.Entry<EntityKey, Members>> all = entities.leastRecentlyUsedFirst();
        out.writeShort(FORMAT_VERSION);
        out.writeInt(all.size());
        for (Map.Entry<EntityKey, Members> e : all) {
            out.writeUTF(e.getKey().source());
            out.writeUTF(e.getKey().entity());
            Members members = e.getValue();
            synchronized (members) {
                out.writeInt(members.features.size());
                for (String feature : members.features) {
                    out.writeUTF(feature);
                }
                for (double slot : members.slots) {
                    out.writeDouble(slot);
                }
                for (Member member : members.members) {
                    if (member.model != null) {
                        member.model.write(out);
                    }
                }
            }
        }
    }

    /** Replaces every entity by those of a snapshot written by {@link #writeSnapshot} with the same spec. */
    public void readSnapshot(DataInput in) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("ensemble snapshot has format version " + version
                    + ", this build reads version " + FORMAT_VERSION);
        }
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt ensemble snapshot: " + n + " entities");
        }
        List<Map.Entry<EntityKey, Members>> read = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EntityKey key = new EntityKey(in.readUTF(), in.readUTF());
            int count = in.readInt();
            if (count < 1 || count > 100_000) {
                throw new IOException("corrupt ensemble snapshot: " + count + " features of " + key.entity());
            }
            List<String> features = new ArrayList<>(count);
            for (int f = 0; f < count; f++) {
                features.add(in.readUTF());
            }
            Members members = new Members(List.copyOf(features), 0);
            for (int s = 0; s < members.slots.length; s++) {
                members.slots[s] = in.readDouble();
            }
            for (int m = 0; m < members.members.length; m++) {
                Member member = members.members[m];
                if (member.model != null) {
                    members.members[m] = new Member(member.kind, member.feature, member.scorer,
                            member.kind.read(in, member.feature < 0 ? count : 1));
                }
            }
            read.add(Map.entry(key, members));
        }
        entities.replaceAll(read);
    }

    /**
     * An entity's verdict.
     *
     * @param decision   the combined finding: surprise in nines against the threshold, held by the refractory period
     * @param members    each member that spoke, strongest first, its surprise against the same threshold
     * @param lead       the index of the feature that drove the verdict most; -1 when a model of all features led a
     *                   normal window (its attribution is asked of anomalous windows only)
     * @param leadShares per feature, the lead member's signed shares of its anomaly (a member of one feature: 1 on
     *                   it); {@code null} with {@code lead} -1
     */
    public record Verdict(Finding decision, List<Finding> members, int lead, double[] leadShares) {
    }

    private record EntityKey(String source, String entity) {
    }

    /** One member: a scorer on a feature ({@code kind} null), or a model of one feature or all ({@code feature} -1). */
    private record Member(ModelKind kind, int feature, int scorer, EntityModel model) {

        String name(List<String> features, List<String> scorers) {
            String what = kind == null ? scorers.get(scorer) : kind.name();
            return feature < 0 || features.size() == 1 ? what : what + " " + features.get(feature);
        }
    }

    /** One entity's members, their likelihood slots and the refractory slot. */
    private final class Members {

        final List<String> features;
        final Member[] members;
        final double[] slots;

        Members(List<String> features, long seed) {
            this.features = features;
            List<Member> all = new ArrayList<>();
            for (int f = 0; f < features.size(); f++) {
                for (int s = 0; s < scorers.size(); s++) {
                    if (settings.scorers().contains(scorers.get(s))) {
                        all.add(new Member(null, f, s, null));
                    }
                }
            }
            for (ModelKind kind : settings.models()) {
                if (kind.multivariate()) {
                    all.add(new Member(kind, -1, -1, kind.create(features.size(), seed)));
                } else {
                    for (int f = 0; f < features.size(); f++) {
                        all.add(new Member(kind, f, -1, kind.create(1, seed + f)));
                    }
                }
            }
            this.members = all.toArray(Member[]::new);
            this.slots = new double[members.length * AnomalyLikelihood.SLOTS + 1];
        }

        /** Whether a member has not learned its {@code min-values} scores yet. */
        private boolean young() {
            for (int m = 0; m < members.length; m++) {
                if (!settings.likelihood().judges(slots, m * AnomalyLikelihood.SLOTS)) {
                    return true;
                }
            }
            return false;
        }

        Verdict judge(double[] values, Finding[][] raw) {
            AnomalyLikelihood likelihood = settings.likelihood();
            double[] surprise = new double[members.length];
            double[] rawScores = new double[members.length];
            int spoke = 0;
            int best = -1;
            for (int m = 0; m < members.length; m++) {
                Member member = members[m];
                double score;
                if (member.model == null) {
                    score = raw[member.feature] == null ? Double.NaN
                            : Math.max(0, raw[member.feature][member.scorer].ratio());
                } else if (member.feature < 0) {
                    score = member.model.score(values);
                } else {
                    score = Double.isNaN(values[member.feature]) ? Double.NaN
                            : member.model.score(new double[] {values[member.feature]});
                }
                rawScores[m] = score;
                surprise[m] = likelihood.surprise(score, slots, m * AnomalyLikelihood.SLOTS);
                if (!Double.isNaN(surprise[m])) {
                    spoke++;
                    if (best < 0 || surprise[m] > surprise[best]) {
                        best = m;
                    }
                }
            }
            if (best < 0 || young()) {
                // until every member has a history to be unusual against, the raw findings decide: a member that
                // spoke early (a scorer, before the forest has its first scores) would judge the entity alone
                learn(values);
                return null;
            }
            double threshold = settings.threshold();
            double combined = Math.max(0, surprise[best] - Math.log10(spoke));
            // a model's attribution costs as much as its score: asked only when the window is anomalous
            double[] shares = members[best].feature >= 0 || combined >= threshold ? shares(best, values) : null;
            learn(values);
            RefractoryPeriod.Outcome held = settings.refractory().apply(combined, threshold, slots, slots.length - 1);
            List<Finding> spoken = new ArrayList<>();
            for (int m = 0; m < members.length; m++) {
                if (!Double.isNaN(surprise[m])) {
                    spoken.add(new Finding(members[m].name(features, scorers), surprise[m], threshold,
                            describe(m, rawScores[m], surprise[m], raw, m == best ? shares : null)));
                }
            }
            spoken.sort((a, b) -> Double.compare(b.statistic(), a.statistic()));
            int lead = lead(best, shares);
            String description = (held.left() > 0 ? settings.refractory().held(held.left()) : "")
                    + (lead < 0 ? "" : features.get(lead) + " is ") + AnomalyLikelihood.odds(combined)
                    + " for this entity ("
                    + LIKELIHOOD + ", limit " + AnomalyLikelihood.odds(threshold)
                    + (spoke > 1 ? ", the strongest of " + spoke + " members" : "") + "): "
                    + spoken.get(0).description();
            return new Verdict(new Finding(LIKELIHOOD, held.statistic(), threshold, description), spoken, lead, shares);
        }

        private void learn(double[] values) {
            for (Member member : members) {
                if (member.model == null) {
                    continue;
                }
                if (member.feature < 0) {
                    member.model.learn(values);
                } else if (!Double.isNaN(values[member.feature])) {
                    member.model.learn(new double[] {values[member.feature]});
                }
            }
        }

        /** The member's signed shares per feature of the entity. */
        private double[] shares(int m, double[] values) {
            Member member = members[m];
            double[] shares = new double[features.size()];
            if (member.feature >= 0) {
                shares[member.feature] = 1;
            } else {
                shares = member.model.attribution(values);
            }
            return shares;
        }

        /** The feature that drove the verdict most; -1 when the lead member was not asked (the window is normal). */
        private int lead(int best, double[] shares) {
            if (members[best].feature >= 0) {
                return members[best].feature;
            }
            if (shares == null) {
                return -1;
            }
            int lead = 0;
            for (int f = 1; f < shares.length; f++) {
                if (Math.abs(shares[f]) > Math.abs(shares[lead])) {
                    lead = f;
                }
            }
            return lead;
        }

        private String describe(int m, double rawScore, double nines, Finding[][] raw, double[] shares) {
            Member member = members[m];
            String usual = settings.likelihood().usual(slots, m * AnomalyLikelihood.SLOTS);
            if (member.model == null) {
                return features.get(member.feature) + ": " + AnomalyLikelihood.odds(nines) + " (" + scorers.get(
                        member.scorer) + " " + Numbers.significant(rawScore, 2) + "× its limit, usually " + usual
                        + "×: " + raw[member.feature][member.scorer].description() + ")";
            }
            StringBuilder text = new StringBuilder(member.name(features, scorers)).append(": ")
                    .append(AnomalyLikelihood.odds(nines)).append(" (").append(member.kind.describe(rawScore))
                    .append(", usually ").append(usual).append(')');
            if (member.feature < 0 && features.size() > 1 && shares != null) {
                text.append("; ").append(attribution(shares));
            }
            return text.toString();
        }

        /** {@code "cpu_user +62 %, mem_used +21 % of the anomaly"}: the features driving it, at least 10 % each. */
        private String attribution(double[] shares) {
            List<Integer> order = new ArrayList<>();
            for (int f = 0; f < shares.length; f++) {
                order.add(f);
            }
            order.sort((a, b) -> Double.compare(Math.abs(shares[b]), Math.abs(shares[a])));
            StringBuilder text = new StringBuilder();
            for (int f : order) {
                if (Math.abs(shares[f]) < 0.1 && text.length() > 0) {
                    break;
                }
                text.append(text.length() == 0 ? "" : ", ").append(features.get(f)).append(shares[f] < 0 ? " -" : " +")
                        .append(Math.round(100 * Math.abs(shares[f]))).append(" %");
            }
            return text.append(" of the anomaly").toString();
        }
    }
}
