package dev.vigil.ingest.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What every source did lately, in memory, for the operator console and {@code GET /api/sources}: events per second,
 * the time of the last event (a source that went quiet shows at once), dead-letter counts and the latest reasons.
 * Fed where ingest already counts ({@code IngestMetrics}, {@code DeadLetters}); Prometheus keeps the long history.
 * Bounded: {@value #MAX_SOURCES} sources, a fixed ring of counts and {@code vigil.sources.recent-dead-letters}
 * reasons each.
 */
@ApplicationScoped
public class SourceActivity {

    /** Source names come from configuration and users' routes; more than this is a runaway route, not a fleet. */
    static final int MAX_SOURCES = 256;

    private static final Logger LOG = Logger.getLogger(SourceActivity.class);

    private final Map<String, SourceLedger> ledgers = new ConcurrentSkipListMap<>();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final InstantSource clock;
    private final int keepDeadLetters;
    private final Duration quietAfter;

    @Inject
    public SourceActivity(@ConfigProperty(name = "vigil.sources.recent-dead-letters", defaultValue = "10") int keepDeadLetters,
            @ConfigProperty(name = "vigil.sources.quiet-after", defaultValue = "2m") Duration quietAfter) {
        this(Clock.systemUTC(), keepDeadLetters, quietAfter);
    }

    SourceActivity(InstantSource clock, int keepDeadLetters, Duration quietAfter) {
        if (keepDeadLetters < 1) {
            throw new IllegalArgumentException("vigil.sources.recent-dead-letters: must be at least 1, got " + keepDeadLetters);
        }
        if (quietAfter.isNegative() || quietAfter.isZero()) {
            throw new IllegalArgumentException("vigil.sources.quiet-after: must be positive, got " + quietAfter);
        }
        this.clock = clock;
        this.keepDeadLetters = keepDeadLetters;
        this.quietAfter = quietAfter;
    }

    /** Lists a source before its first event, so one that never speaks shows as quiet rather than not at all. */
    public void expect(String source) {
        ledger(source);
    }

    public void accepted(String source, int count) {
        SourceLedger ledger = ledger(source);
        if (ledger != null && count > 0) {
            ledger.accepted(clock.instant(), count);
        }
    }

    /** @param reason already made printable and bounded by the caller, as for the dead letter itself */
    public void rejected(String source, String origin, String reason) {
        SourceLedger ledger = ledger(source);
        if (ledger != null) {
            ledger.rejected(clock.instant(), origin, reason);
        }
    }

    /** Every known source, by name. */
    public List<SourceStatus> statuses() {
        var now = clock.instant();
        return ledgers.entrySet().stream().map(e -> e.getValue().status(e.getKey(), now, quietAfter)).toList();
    }

    private SourceLedger ledger(String source) {
        SourceLedger known = ledgers.get(source);
        if (known != null) {
            return known;
        }
        synchronized (ledgers) {
            if (ledgers.size() >= MAX_SOURCES && !ledgers.containsKey(source)) {
                if (warnedFull.compareAndSet(false, true)) {
                    LOG.warnf("Source '%s' and any further new source are not tracked for the console: already %d",
                            source, MAX_SOURCES);
                }
                return null;
            }
            return ledgers.computeIfAbsent(source, s -> new SourceLedger(keepDeadLetters));
        }
    }
}
