package dev.vigil.feedback.effects;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.vigil.alerting.matcher.Matcher;
import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.silence.Silence;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.store.AlertVerdicts;
import dev.vigil.feedback.store.AlertVerdicts.AnsweredAlert;
import dev.vigil.feedback.store.StoredFeedback;
import dev.vigil.feedback.tuning.ThresholdChange;
import dev.vigil.feedback.tuning.Thresholds;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What an answer changes, right after it is stored, each change recorded in the {@link EffectStore}:
 * <ul>
 * <li><b>new normal</b>: the alert's entity (of its source) is forgotten by every detector
 * ({@code SeriesStates.forget}), so its baseline is learned again from the next window, warm-up included;</li>
 * <li><b>expected</b>: a silence for the alert's labels (plus its detector, source and entity) from now for
 * {@code silence-for}, proposed (listed, for someone to accept) or created at once;</li>
 * <li><b>false alarm</b>: when {@code count} alerts of one fingerprint were answered false alarm within
 * {@code period} (and since the entity's threshold last changed), the entity's threshold factor is multiplied by
 * {@code raise-by}; the change is in the audit trail and its reason in the next alert's explanation.</li>
 * </ul>
 * An effect that fails is logged; the answer itself stays stored.
 */
@Startup // a mistake in its configuration stops Vigil at start, naming the key
@ApplicationScoped
public class VerdictEffects {

    private static final Logger LOG = Logger.getLogger(VerdictEffects.class);

    /** What {@code expected} does with its silence. */
    public enum SilenceMode {
        PROPOSE, CREATE, OFF
    }

    /**
     * {@code vigil.feedback.*} for the effects.
     *
     * @param falseAlarms 0 turns the threshold raise off
     */
    public record Settings(boolean resetBaseline, SilenceMode silence, Duration silenceFor, int falseAlarms,
            Duration falseAlarmPeriod, double raiseBy) {

        public Settings {
            if (silenceFor.isNegative() || silenceFor.isZero()) {
                throw new IllegalArgumentException("vigil.feedback.expected.silence-for must be positive, got " + silenceFor);
            }
            if (falseAlarms < 0 || !(raiseBy > 1) || Double.isInfinite(raiseBy)) {
                throw new IllegalArgumentException("vigil.feedback.false-alarms: need count >= 0 and raise-by > 1, got count="
                        + falseAlarms + " raise-by=" + raiseBy);
            }
        }
    }

    private final AlertVerdicts alerts;
    private final LiveDetectors detectors;
    private final Thresholds thresholds;
    private final Silences silences;
    private final EffectStore effects;
    private final Settings settings;
    private final Clock clock;

    @Inject
    public VerdictEffects(AlertVerdicts alerts, LiveDetectors detectors, Thresholds thresholds, Silences silences,
            EffectStore effects,
            @ConfigProperty(name = "vigil.feedback.new-normal.reset-baseline") boolean resetBaseline,
            @ConfigProperty(name = "vigil.feedback.expected.silence") String silence,
            @ConfigProperty(name = "vigil.feedback.expected.silence-for") Duration silenceFor,
            @ConfigProperty(name = "vigil.feedback.false-alarms.count") int falseAlarms,
            @ConfigProperty(name = "vigil.feedback.false-alarms.period") Duration period,
            @ConfigProperty(name = "vigil.feedback.false-alarms.raise-by") double raiseBy) {
        this(alerts, detectors, thresholds, silences, effects, new Settings(resetBaseline, mode(silence), silenceFor,
                falseAlarms, period, raiseBy), Clock.systemUTC());
    }

    public VerdictEffects(AlertVerdicts alerts, LiveDetectors detectors, Thresholds thresholds, Silences silences,
            EffectStore effects, Settings settings, Clock clock) {
        this.alerts = alerts;
        this.detectors = detectors;
        this.thresholds = thresholds;
        this.silences = silences;
        this.effects = effects;
        this.settings = settings;
        this.clock = clock;
    }

    private static SilenceMode mode(String text) {
        try {
            return SilenceMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil.feedback.expected.silence must be propose, create or off, got '"
                    + text + "'");
        }
    }

    /** Applies what the stored answer calls for; returns what it did (nothing for most verdicts). */
    public List<Effect> apply(StoredFeedback answer) {
        try {
            Optional<AnsweredAlert> alert = alerts.alert(answer.feedback().alertId());
            if (alert.isEmpty()) {
                return List.of();
            }
            return switch (answer.feedback().verdict()) {
                case NEW_NORMAL -> settings.resetBaseline() ? List.of(resetBaseline(answer, alert.get())) : List.of();
                case EXPECTED -> settings.silence() == SilenceMode.OFF ? List.of() : List.of(silence(answer, alert.get()));
                case FALSE_ALARM -> settings.falseAlarms() > 0 ? raiseThreshold(answer, alert.get()) : List.of();
                default -> List.of();
            };
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "The %s answer to alert %s is stored, but what it should change was not done",
                    answer.feedback().verdict(), answer.feedback().alertId());
            return List.of();
        }
    }

    private Effect resetBaseline(StoredFeedback answer, AnsweredAlert alert) throws SQLException {
        int forgotten = 0;
        List<String> where = new ArrayList<>();
        for (LiveDetector d : detectors.all()) {
            int n = d.baseline().forget(alert.source(), alert.entity());
            if (n > 0) {
                forgotten += n;
                where.add(d.name());
            }
        }
        String detail = forgotten == 0
                ? "new normal: nothing learned of " + alert.entity() + " (" + alert.source() + ") to forget"
                : "new normal: forgot the " + forgotten + " learned series (and any models) of " + alert.entity() + " ("
                        + alert.source() + ") in " + String.join(", ", where)
                        + "; its baseline is learned again from its next window";
        return record(answer, Effect.BASELINE_RESET, detail, List.of(), null, null, null);
    }

    private Effect silence(StoredFeedback answer, AnsweredAlert alert) throws SQLException {
        Matchers matchers = Matchers.identifying(alert.detector(), alert.source(), alert.entity(), alert.labels());
        List<String> texts = matchers.all().stream().map(Matcher::toString).toList();
        Instant now = clock.instant();
        Instant until = now.plus(settings.silenceFor());
        String why = "expected (alert " + alert.id() + ", answered by " + answer.feedback().actor() + ")"
                + (answer.feedback().comment().isBlank() ? "" : ": " + answer.feedback().comment());
        if (settings.silence() == SilenceMode.CREATE) {
            Silence created = silences.create(matchers, "feedback:" + answer.feedback().actor(), why, until);
            return record(answer, Effect.SILENCE_CREATED, "silenced " + texts + " until " + until + ": " + why, texts,
                    created.startsAt(), until, created.id());
        }
        return record(answer, Effect.SILENCE_PROPOSED, "proposed a silence of " + texts + " until " + until + ": " + why,
                texts, now, until, null);
    }

    private List<Effect> raiseThreshold(StoredFeedback answer, AnsweredAlert alert) throws SQLException {
        Optional<LiveDetector> detector = detectors.named(alert.detector());
        if (detector.isEmpty()) {
            return List.of();
        }
        Instant since = clock.instant().minus(settings.falseAlarmPeriod());
        Optional<ThresholdChange> last = thresholds.latest(alert.detector(), alert.entity());
        if (last.isPresent() && last.get().changedAt().isAfter(since)) {
            since = last.get().changedAt();
        }
        Instant from = since;
        long falseAlarms = alerts.ofFingerprint(alert.fingerprint()).stream()
                .filter(a -> a.answered(Verdict.FALSE_ALARM) && a.answeredAt() != null && !a.answeredAt().isBefore(from))
                .count();
        if (falseAlarms < settings.falseAlarms()) {
            return List.of();
        }
        if (thresholds.pinned(alert.detector(), alert.entity())) {
            return List.of(record(answer, Effect.THRESHOLD_RAISED, "not raised: the threshold of " + alert.entity()
                    + " is pinned, though " + falseAlarms + " of its alerts were false alarms", List.of(), null, null, null));
        }
        double old = thresholds.inForce(alert.detector(), alert.entity()).value();
        double raised = old * settings.raiseBy();
        String reason = String.format(Locale.ROOT, "%d false alarms on alerts of this fingerprint within %s, the latest"
                + " answered by %s", falseAlarms, human(settings.falseAlarmPeriod()), answer.feedback().actor());
        thresholds.set(alert.detector(), alert.entity(), raised, false, reason, ThresholdChange.BY_FEEDBACK);
        return List.of(record(answer, Effect.THRESHOLD_RAISED, String.format(Locale.ROOT,
                "raised the threshold of %s in %s from ×%.2f to ×%.2f: %s", alert.entity(), alert.detector(), old, raised,
                reason), List.of(), null, null, null));
    }

    private Effect record(StoredFeedback answer, String kind, String detail, List<String> matchers, Instant startsAt,
            Instant endsAt, String silenceId) throws SQLException {
        Effect stored = effects.append(new Effect(0, answer.id(), answer.feedback().alertId(), kind, detail, matchers,
                startsAt, endsAt, silenceId, clock.instant()));
        LOG.infof("Feedback on alert %s: %s", answer.feedback().alertId(), detail);
        return stored;
    }

    private static String human(Duration d) {
        return d.toHours() % 24 == 0 && d.toDays() > 0 ? d.toDays() + " days" : d.toString();
    }
}
