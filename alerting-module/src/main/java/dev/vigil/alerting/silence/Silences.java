package dev.vigil.alerting.silence;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import org.jboss.logging.Logger;

/**
 * The silences: those of the alerting file and those created or expired at run time (the API, the console, an
 * "expected" answer). With a {@link SilenceStore}, what is created or expired is written to the database before it
 * counts, and {@link #refresh()} reads back what every instance wrote, so silences survive a restart and are shared
 * by the instances of one database; the file's silences are the file's, except that an expiry of one is stored too.
 * Without a store (a replay) they live in memory. The notification path asks {@link #silencing} of what was read
 * last and never waits on the database. Thread-safe.
 */
public final class Silences {

    private static final Logger LOG = Logger.getLogger(Silences.class);

    private final Clock clock;
    private final Map<String, Silence> configured = new LinkedHashMap<>();
    private final Optional<SilenceStore> store;
    /** Writers (create, expire, refresh) take turns; readers see the last complete set. */
    private final Object writes = new Object();
    private volatile Map<String, Silence> byId;
    private boolean storeFailing;

    /** Silences in memory only: the file's, and what is created until the process ends (a replay's). */
    public Silences(Clock clock, List<Silence> configured) {
        this.clock = clock;
        this.store = Optional.empty();
        configured.forEach(s -> this.configured.put(s.id(), s));
        this.byId = new LinkedHashMap<>(this.configured);
    }

    /**
     * Silences kept in the database: reads what it holds now.
     *
     * @throws SQLException when the database cannot be read at start
     */
    public Silences(Clock clock, List<Silence> configured, SilenceStore store) throws SQLException {
        this.clock = clock;
        this.store = Optional.of(store);
        configured.forEach(s -> this.configured.put(s.id(), s));
        this.byId = merged(store.all());
    }

    /**
     * Creates a silence starting now; stored before it is returned.
     *
     * @throws SQLException when the database cannot store it (nothing was created)
     */
    public Silence create(Matchers matchers, String creator, String comment, Instant endsAt) throws SQLException {
        Silence silence = new Silence(UUID.randomUUID().toString(), matchers, creator, comment, now(),
                endsAt.truncatedTo(ChronoUnit.MILLIS));
        synchronized (writes) {
            if (store.isPresent()) {
                store.get().insert(silence);
            }
            Map<String, Silence> next = new LinkedHashMap<>(byId);
            next.put(silence.id(), silence);
            byId = next;
        }
        return silence;
    }

    /**
     * Ends a silence now, recording who did; expired silences stay listed. One another instance expired first stays as
     * it expired it.
     *
     * @return the expired silence, or empty for an unknown id
     * @throws SQLException when the database cannot store the expiry (the silence goes on)
     */
    public Optional<Silence> expire(String id, String by) throws SQLException {
        synchronized (writes) {
            if (!byId.containsKey(id)) {
                refresh(); // perhaps made by another instance a moment ago
            }
            Silence silence = byId.get(id);
            if (silence == null) {
                return Optional.empty();
            }
            Silence expired = silence.expire(now(), by);
            if (expired == silence) {
                return Optional.of(silence);
            }
            if (store.isPresent()) {
                expired = store.get().expire(expired);
            }
            Map<String, Silence> next = new LinkedHashMap<>(byId);
            next.put(id, expired);
            byId = next;
            return Optional.of(expired);
        }
    }

    /** Every silence known, running or ended, as read last. */
    public List<Silence> list() {
        return new ArrayList<>(byId.values());
    }

    /** The active silence that mutes a firing alert at {@code at}, if any; a resolve is never muted. */
    public Optional<Silence> silencing(Alert alert, Instant at) {
        if (alert.status() != AlertStatus.FIRING) {
            return Optional.empty();
        }
        Map<String, String> labels = Matchers.labelsOf(alert);
        return byId.values().stream().filter(s -> s.activeAt(at) && s.matchers().matches(labels)).findFirst();
    }

    /**
     * Reads the stored silences again: what other instances created or expired. While the database cannot be read the
     * silences read last go on muting; the failure is logged once, and its end.
     */
    public void refresh() {
        if (store.isEmpty()) {
            return;
        }
        synchronized (writes) {
            try {
                byId = merged(store.get().all());
                if (storeFailing) {
                    storeFailing = false;
                    LOG.info("Silences: the database is readable again; silences of other instances are seen again");
                }
            } catch (SQLException | RuntimeException e) {
                if (!storeFailing) {
                    storeFailing = true;
                    LOG.warnf("Silences: could not read the stored silences (%s); the %d read last go on muting, and silences"
                            + " other instances create or expire meanwhile are not seen here", e.getMessage(), byId.size());
                }
            }
        }
    }

    /**
     * Forgets stored silences that ended before {@code before} (the file's come back from the file).
     *
     * @return how many were forgotten
     */
    public int prune(Instant before) throws SQLException {
        if (store.isEmpty()) {
            return 0;
        }
        int forgotten = store.get().prune(before);
        refresh();
        return forgotten;
    }

    /** Now, to the millisecond: what every database keeps of a time, so a silence reads back as it was made. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The file's silences, each replaced by its stored expiry while the file still gives it the same matchers (the file
     * changed it otherwise, and the file wins), then the stored ones.
     */
    private Map<String, Silence> merged(List<Silence> stored) {
        Map<String, Silence> all = new LinkedHashMap<>(configured);
        for (Silence s : stored) {
            Silence fromFile = configured.get(s.id());
            if (fromFile == null || fromFile.matchers().equals(s.matchers())) {
                all.put(s.id(), s);
            }
        }
        return all;
    }
}
