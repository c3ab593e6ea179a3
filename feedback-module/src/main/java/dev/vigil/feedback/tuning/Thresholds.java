package dev.vigil.feedback.tuning;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.vigil.contracts.ThresholdFactors;
import dev.vigil.contracts.ThresholdFactors.Factor;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The threshold factors in force and every change of them: a change is recorded in the {@link ThresholdLog} (old and
 * new factor, reason, who, when) and applied to the live detector at once. At start the factors in force come back
 * from the log, then the pins of the detectors file apply; every {@code vigil.tuning.refresh-every} the log is read
 * for changes another instance (or another path) made. Thread-safe.
 */
@ApplicationScoped
public class Thresholds {

    private static final Logger LOG = Logger.getLogger(Thresholds.class);

    private record Key(String detector, String entity) {
    }

    private final ThresholdLog log;
    private final LiveDetectors detectors;
    private final Clock clock;
    private final Map<Key, ThresholdChange> current = new ConcurrentHashMap<>();
    private long lastSeenId;

    @Inject
    public Thresholds(ThresholdLog log, LiveDetectors detectors) {
        this(log, detectors, Clock.systemUTC());
    }

    public Thresholds(ThresholdLog log, LiveDetectors detectors, Clock clock) {
        this.log = log;
        this.detectors = detectors;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) throws SQLException {
        restore();
    }

    /** Applies the factors in force from the log, then the detectors file's pins (recorded when they change something). */
    public synchronized void restore() throws SQLException {
        for (ThresholdChange change : log.current()) {
            apply(change);
        }
        for (LiveDetector d : detectors.all()) {
            if (d.budget() == null || d.budget().pin().isEmpty()) {
                continue;
            }
            double pin = d.budget().pin().getAsDouble();
            ThresholdChange now = current.get(new Key(d.name(), ThresholdChange.DETECTOR));
            if (now == null || !now.pinned() || now.newFactor() != pin) {
                set(d.name(), ThresholdChange.DETECTOR, pin, true, ThresholdFactors.PINNED_IN_FILE, ThresholdChange.BY_FILE);
            }
        }
    }

    /**
     * Sets a factor, records the change and applies it to the live detector.
     *
     * @param entity {@link ThresholdChange#DETECTOR} for the detector's own factor
     * @throws IllegalArgumentException for an unknown detector or a factor that is not a positive number
     */
    public synchronized ThresholdChange set(String detector, String entity, double factor, boolean pinned, String reason,
            String by) throws SQLException {
        LiveDetector live = detectors.named(detector).orElseThrow(() -> new IllegalArgumentException(
                "unknown detector '" + detector + "', known: " + detectors.all().stream().map(LiveDetector::name).toList()));
        new Factor(factor, reason); // checks the value before anything is recorded
        double old = inForce(live, entity).value();
        ThresholdChange stored = log.append(new ThresholdChange(0, detector, entity, old, factor, pinned, reason, by,
                clock.instant()));
        apply(stored);
        LOG.infof("Threshold of %s%s: ×%.3f -> ×%.3f%s by %s: %s", detector,
                entity.isEmpty() ? "" : " for " + entity, old, factor, pinned ? " (pinned)" : "", by, reason);
        return stored;
    }

    /** Whether the tuning job must leave this factor alone. */
    public boolean pinned(String detector, String entity) {
        ThresholdChange now = current.get(new Key(detector, entity));
        return now != null && now.pinned();
    }

    /** The factor an entity (or, for {@link ThresholdChange#DETECTOR}, the detector) is judged with now. */
    public Factor inForce(String detector, String entity) {
        return detectors.named(detector).map(d -> inForce(d, entity)).orElse(Factor.NONE);
    }

    /** The latest change of a detector's own factor or an entity's, if any was made. */
    public Optional<ThresholdChange> latest(String detector, String entity) {
        return Optional.ofNullable(current.get(new Key(detector, entity)));
    }

    /**
     * Reads changes made elsewhere since the last look and applies them. Every instance of a cluster runs it for
     * itself, so it stays off Quartz's clustered store, which runs a job on one instance only.
     */
    @Scheduled(identity = "vigil-threshold-refresh", every = "${vigil.tuning.refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, executeWith = Scheduled.SIMPLE)
    public synchronized void refresh() {
        try {
            for (ThresholdChange change : log.after(lastSeenId)) {
                apply(change);
            }
        } catch (SQLException e) {
            LOG.errorf(e, "Could not read threshold changes; tried again on schedule");
        }
    }

    private static Factor inForce(LiveDetector d, String entity) {
        ThresholdFactors factors = d.thresholds();
        return entity.isEmpty() ? factors.detector() : factors.of(entity);
    }

    private void apply(ThresholdChange change) {
        lastSeenId = Math.max(lastSeenId, change.id());
        current.put(new Key(change.detector(), change.entity()), change);
        detectors.named(change.detector()).ifPresent(d -> {
            Factor factor = new Factor(change.newFactor(), change.reason() + "; " + change.changedBy() + ", "
                    + change.changedAt().toString().substring(0, 10));
            if (change.detectorWide()) {
                d.thresholds().setDetector(factor);
            } else {
                d.thresholds().setEntity(change.entity(), factor);
            }
        });
    }
}
