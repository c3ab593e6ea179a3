package dev.vigil.feedback;

import java.sql.SQLException;

import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Feedback;
import dev.vigil.feedback.effects.VerdictEffects;
import dev.vigil.feedback.store.FeedbackStore;
import dev.vigil.feedback.store.StoredFeedback;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Where every channel hands its answer: the alert must be known, then the answer is appended and counted
 * ({@code vigil_feedback_total{channel,verdict}}) and its verdict takes effect ({@link VerdictEffects}); a refusal is
 * counted as {@code vigil_feedback_rejected_total{channel}}.
 */
@ApplicationScoped
public class FeedbackIntake {

    private static final Logger LOG = Logger.getLogger(FeedbackIntake.class);

    private final AlertStore alerts;
    private final FeedbackStore store;
    private final MeterRegistry registry;
    private final VerdictEffects effects;

    public FeedbackIntake(AlertStore alerts, FeedbackStore store, MeterRegistry registry, VerdictEffects effects) {
        this.alerts = alerts;
        this.store = store;
        this.registry = registry;
        this.effects = effects;
    }

    /** Stores the answer if its alert is known (404 otherwise), then does what the verdict calls for. */
    public StoredFeedback accept(Feedback feedback, String reference) throws FeedbackRejected, SQLException {
        if (!alerts.exists(feedback.alertId())) {
            throw rejected(feedback.channel(), FeedbackRejected.unknownAlert(feedback.alertId()));
        }
        StoredFeedback stored = store.append(feedback, reference);
        registry.counter("vigil.feedback", "channel", feedback.channel(), "verdict", feedback.verdict().name())
                .increment();
        LOG.infof("Feedback %s on alert %s from %s via %s%s", feedback.verdict(), feedback.alertId(), feedback.actor(),
                feedback.channel(), stored.supersedes() == null ? "" : " (supersedes #" + stored.supersedes() + ")");
        effects.apply(stored);
        return stored;
    }

    /** The most recent alert of a fingerprint, as ticket systems know alerts; 404 when none is stored. */
    public String alertOfFingerprint(String channel, String fingerprint) throws FeedbackRejected, SQLException {
        return alerts.latestIdOf(fingerprint).orElseThrow(() -> rejected(channel,
                new FeedbackRejected(404, "no alert with fingerprint '" + fingerprint + "'")));
    }

    /** Counts and logs a refusal, and returns it for throwing. */
    public FeedbackRejected rejected(String channel, FeedbackRejected rejection) {
        registry.counter("vigil.feedback.rejected", "channel", channel).increment();
        LOG.warnf("Feedback via %s rejected (%d): %s", channel, rejection.status(), rejection.reason());
        return rejection;
    }
}
