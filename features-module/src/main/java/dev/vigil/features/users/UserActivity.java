package dev.vigil.features.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.UserEvent;
import dev.vigil.features.sequence.ActionTransitions;
import dev.vigil.features.state.SnapshotMismatchException;

/**
 * What Vigil has learned from user and authentication events: one profile per user and one per client address,
 * each of fixed size, at most {@code maxUsers} and {@code maxIps} of them (the least recently used beyond that are
 * forgotten, as are those idle past {@link #evictIdle}'s cutoff). Every event teaches the profile of its user and of
 * its address; a closed window of either is turned into its features ({@link #window}). Snapshots restore every
 * profile exactly ({@link #writeSnapshot}, {@link #readSnapshot}).
 * <p>
 * Thread-safe: every method synchronises on the registry (events arrive in batches; windows are few).
 */
public final class UserActivity {

    /** Version of the snapshot layout. */
    public static final short FORMAT_VERSION = 1;

    private final ActionClasses classes;
    private final ZoneId zone;
    private final Clock clock;
    private final ActionNames actionNames = new ActionNames();
    private final Registry<UserProfile> users;
    private final Registry<IpProfile> ips;

    /**
     * @param classes which actions are logins and writes
     * @param zone    the time zone of "night" (00:00 to 06:00) and of the hours explanations give
     * @param clock   the wall clock of {@link #evictIdle}
     */
    public UserActivity(ActionClasses classes, ZoneId zone, int maxUsers, int maxIps, Clock clock) {
        if (maxUsers < 1 || maxIps < 1) {
            throw new IllegalArgumentException("need room for at least one user and one address, got " + maxUsers
                    + " and " + maxIps);
        }
        this.classes = classes;
        this.zone = zone;
        this.clock = clock;
        this.users = new Registry<>(maxUsers, UserProfile::new);
        this.ips = new Registry<>(maxIps, IpProfile::new);
    }

    /** Labels of a window of that entity: {@code user=alice} or {@code ip=203.0.113.7}. */
    public static SortedMap<String, String> labels(EntityKind kind, String id) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(kind.label(), id);
        return labels;
    }

    /** Teaches the event to its user's profile and its address's. */
    public synchronized void observe(UserEvent event) {
        String action = actionNames.intern(event.action());
        users.get(event.user()).observe(event, action, classes, zone);
        ips.get(event.ip()).observe(event, action, classes);
    }

    /**
     * The features, actions and evidence of a closed window whose labels name a {@code user} or an {@code ip}, as
     * of its end. An entity forgotten since (evicted) starts afresh.
     *
     * @throws IllegalArgumentException for a window that names neither
     */
    public synchronized UserWindow window(FeatureVector closed) {
        Instant end = closed.windowEnd();
        String user = closed.labels().get(EntityKind.USER.label());
        if (user != null) {
            UserProfile profile = users.get(user);
            return new UserWindow(vector(closed, profile.features(end, zone)), EntityKind.USER,
                    profile.actions(closed.windowStart(), end), profile.evidence(end, zone));
        }
        String ip = closed.labels().get(EntityKind.IP.label());
        if (ip == null) {
            throw new IllegalArgumentException("window of " + closed.entity() + " names neither a user nor an ip: "
                    + closed.labels());
        }
        IpProfile profile = ips.get(ip);
        return new UserWindow(vector(closed, profile.features(end)), EntityKind.IP, List.of(ActionTransitions.START), profile.evidence(end));
    }

    private static FeatureVector vector(FeatureVector closed, Map<String, Double> features) {
        return new FeatureVector(closed.source(), closed.entity(), closed.labels(), closed.windowStart(),
                closed.windowEnd(), features);
    }

    /** Forgets users and addresses no event has touched since {@code cutoff} (wall clock); returns how many. */
    public synchronized int evictIdle(Instant cutoff) {
        return users.evictIdle(cutoff.toEpochMilli()) + ips.evictIdle(cutoff.toEpochMilli());
    }

    public synchronized int users() {
        return users.size();
    }

    public synchronized int ips() {
        return ips.size();
    }

    /** What a snapshot is only valid for: its layout and the settings that shaped the counts. */
    public String spec() {
        return "users v" + FORMAT_VERSION + " zone=" + zone.getId() + " logins=" + classes.logins().size()
                + " writes=" + classes.writes().size();
    }

    /** Writes every profile, least recently used first, so a restore keeps the order of use. */
    public synchronized void writeSnapshot(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        out.writeUTF(spec());
        users.writeTo(out, UserProfile::writeTo);
        ips.writeTo(out, IpProfile::writeTo);
    }

    /**
     * Replaces every profile with a snapshot's.
     *
     * @throws SnapshotMismatchException for another format or other settings; nothing is changed then
     */
    public synchronized void readSnapshot(DataInput in) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("user activity snapshot version " + version + ", expected " + FORMAT_VERSION);
        }
        String spec = in.readUTF();
        if (!spec.equals(spec())) {
            throw new SnapshotMismatchException("user activity snapshot of '" + spec + "', expected '" + spec() + "'");
        }
        Map<String, UserProfile> restoredUsers = Registry.read(in, () -> new UserProfile(),
                (profile, input) -> profile.readFrom(input, actionNames));
        Map<String, IpProfile> restoredIps = Registry.read(in, IpProfile::new, IpProfile::readFrom);
        users.replace(restoredUsers);
        ips.replace(restoredIps);
    }

    @FunctionalInterface
    private interface Writer<P> {
        void write(P profile, DataOutput out) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<P> {
        void read(P profile, DataInput in) throws IOException;
    }

    /** Profiles by id, least recently used first, with when each was last used (wall clock, for idle eviction). */
    private final class Registry<P> {
        private final int max;
        private final Supplier<P> create;
        private final LinkedHashMap<String, Entry<P>> entries = new LinkedHashMap<>(16, 0.75f, true);

        Registry(int max, Supplier<P> create) {
            this.max = max;
            this.create = create;
        }

        P get(String id) {
            long now = clock.millis();
            Entry<P> entry = entries.get(id);
            if (entry == null) {
                if (entries.size() >= max) {
                    Iterator<Entry<P>> eldest = entries.values().iterator();
                    eldest.next();
                    eldest.remove();
                }
                entry = new Entry<>(create.get());
                entries.put(id, entry);
            }
            entry.lastUsed = now;
            return entry.profile;
        }

        int evictIdle(long cutoff) {
            int before = entries.size();
            entries.values().removeIf(entry -> entry.lastUsed < cutoff);
            return before - entries.size();
        }

        int size() {
            return entries.size();
        }

        void writeTo(DataOutput out, Writer<P> writer) throws IOException {
            out.writeInt(entries.size());
            for (Map.Entry<String, Entry<P>> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                writer.write(e.getValue().profile, out);
            }
        }

        static <P> Map<String, P> read(DataInput in, Supplier<P> create, Reader<P> reader) throws IOException {
            int count = in.readInt();
            if (count < 0) {
                throw new SnapshotMismatchException("negative profile count " + count);
            }
            Map<String, P> restored = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String id = in.readUTF();
                P profile = create.get();
                reader.read(profile, in);
                restored.put(id, profile);
            }
            return restored;
        }

        void replace(Map<String, P> restored) {
            entries.clear();
            long now = clock.millis();
            restored.forEach((id, profile) -> {
                if (entries.size() >= max) {
                    Iterator<Entry<P>> eldest = entries.values().iterator();
                    eldest.next();
                    eldest.remove();
                }
                Entry<P> entry = new Entry<>(profile);
                entry.lastUsed = now;
                entries.put(id, entry);
            });
        }
    }

    private static final class Entry<P> {
        private final P profile;
        private long lastUsed;

        Entry(P profile) {
            this.profile = profile;
        }
    }
}
