package dev.vigil.feedback.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.contracts.AlertBudget;
import dev.vigil.contracts.ThresholdFactors.Factor;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.history.HistoryReader;
import dev.vigil.feedback.store.AlertVerdicts;
import dev.vigil.feedback.store.AlertVerdicts.AnsweredAlert;
import dev.vigil.feedback.tuning.AlertReplay;
import dev.vigil.feedback.tuning.ThresholdChange;
import dev.vigil.feedback.tuning.ThresholdLog;
import dev.vigil.feedback.tuning.Thresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the {@link Report} of a period from the stored alerts and their verdicts, the score history and the
 * threshold audit trail. Covers every detector scoring now, and any other that raised alerts in the period.
 */
@ApplicationScoped
public class ReportBuilder {

    private final AlertVerdicts alerts;
    private final HistoryReader history;
    private final ThresholdLog log;
    private final Thresholds thresholds;
    private final LiveDetectors detectors;
    private final AlertReplay replay;
    private final Clock clock;

    @Inject
    public ReportBuilder(AlertVerdicts alerts, HistoryReader history, ThresholdLog log, Thresholds thresholds,
            LiveDetectors detectors, AlertingConfig alerting,
            @ConfigProperty(name = "vigil.alerting.anomalous-windows") int anomalousWindows,
            @ConfigProperty(name = "vigil.alerting.of-last-windows") int ofLastWindows,
            @ConfigProperty(name = "vigil.alerting.recovery-windows") int recoveryWindows) {
        this(alerts, history, log, thresholds, detectors, new AlertReplay(new ConfirmationPolicy(anomalousWindows,
                ofLastWindows, recoveryWindows), alerting.lifecycle()), Clock.systemUTC());
    }

    public ReportBuilder(AlertVerdicts alerts, HistoryReader history, ThresholdLog log, Thresholds thresholds,
            LiveDetectors detectors, AlertReplay replay, Clock clock) {
        this.alerts = alerts;
        this.history = history;
        this.log = log;
        this.thresholds = thresholds;
        this.detectors = detectors;
        this.replay = replay;
        this.clock = clock;
    }

    /** The report of the last {@code days} whole UTC days up to now (today included). */
    public Report lastDays(int days) throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Instant from = today.minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        return build(from, today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public Report build(Instant from, Instant to) throws Exception {
        double days = Duration.between(from, to).toMillis() / (double) Duration.ofDays(1).toMillis();
        Map<String, List<AnsweredAlert>> byDetector = new TreeMap<>();
        for (AnsweredAlert a : alerts.startedBetween(from, to)) {
            byDetector.computeIfAbsent(a.detector(), d -> new ArrayList<>()).add(a);
        }
        Set<String> names = new LinkedHashSet<>();
        detectors.all().forEach(d -> names.add(d.name()));
        names.addAll(byDetector.keySet());
        List<Report.DetectorReport> reports = new ArrayList<>();
        for (String name : names) {
            reports.add(detector(name, byDetector.getOrDefault(name, List.of()), from, to, days));
        }
        return new Report(Report.VERSION, clock.instant(), from, to, days, reports);
    }

    private Report.DetectorReport detector(String name, List<AnsweredAlert> raised, Instant from, Instant to,
            double days) throws Exception {
        AlertBudget budget = detectors.named(name).map(d -> d.budget()).orElse(null);
        Double perDayBudget = budget == null ? null : budget.alertsPerDay();
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); d.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to);
                d = d.plusDays(1)) {
            perDay.put(d, 0);
        }
        int[] counts = new int[Verdict.values().length];
        int answered = 0;
        for (AnsweredAlert a : raised) {
            perDay.merge(LocalDate.ofInstant(a.startsAt(), ZoneOffset.UTC), 1, Integer::sum);
            if (a.verdict() != null) {
                counts[a.verdict().ordinal()]++;
                answered++;
            }
        }
        int judged = counts[Verdict.TRUE_INCIDENT.ordinal()] + counts[Verdict.FALSE_ALARM.ordinal()]
                + counts[Verdict.EXPECTED.ordinal()] + counts[Verdict.NEW_NORMAL.ordinal()];
        double alertsPerDay = raised.size() / days;
        return new Report.DetectorReport(name,
                budget == null ? null : new Report.Budget(budget.alertsPerDay(), budget.entities().stream()
                        .map(e -> new Report.EntityBudget(e.glob(), e.alertsPerDay())).toList()),
                raised.size(), alertsPerDay, budget == null ? null : alertsPerDay <= budget.alertsPerDay(),
                perDay.entrySet().stream().map(e -> new Report.Day(e.getKey(), e.getValue(), perDayBudget)).toList(),
                new Report.Verdicts(answered, raised.size() - answered, counts[Verdict.TRUE_INCIDENT.ordinal()],
                        counts[Verdict.FALSE_ALARM.ordinal()], counts[Verdict.EXPECTED.ordinal()],
                        counts[Verdict.NEW_NORMAL.ordinal()], counts[Verdict.DUPLICATE.ordinal()]),
                judged == 0 ? null : counts[Verdict.TRUE_INCIDENT.ordinal()] / (double) judged,
                recall(name, raised, from, to), threshold(name),
                log.history(name, from, to).stream().map(c -> new Report.Change(c.id(), c.changedAt(),
                        c.detectorWide() ? null : c.entity(), c.oldFactor(), c.newFactor(), c.pinned(), c.reason(),
                        c.changedBy())).toList());
    }

    /** Replays each confirmed incident's fingerprint over the period at the factor its entity has now. */
    private Report.Recall recall(String detector, List<AnsweredAlert> raised, Instant from, Instant to) throws Exception {
        int confirmed = 0;
        int replayed = 0;
        int alerting = 0;
        for (AnsweredAlert incident : raised) {
            if (!incident.answered(Verdict.TRUE_INCIDENT)) {
                continue;
            }
            confirmed++;
            List<Instant> times = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            history.fingerprintRows(incident.fingerprint(), from, to, row -> {
                times.add(row.windowEnd());
                ratios.add(row.ratio());
            });
            if (times.isEmpty()) {
                continue;
            }
            replayed++;
            Factor factor = thresholds.inForce(detector, incident.entity());
            boolean alerts = replay.run(detector, incident.source(), incident.entity(), incident.labels(), times,
                    ratios.stream().mapToDouble(Double::doubleValue).toArray(), factor.value()).stream()
                    .anyMatch(r -> r.overlaps(incident.startsAt(), incident.endsAt()));
            alerting += alerts ? 1 : 0;
        }
        return new Report.Recall(confirmed, replayed, alerting, replayed == 0 ? null : alerting / (double) replayed);
    }

    private Report.Threshold threshold(String name) {
        return detectors.named(name).map(d -> live(d)).orElse(new Report.Threshold(1, false, "", List.of()));
    }

    private Report.Threshold live(LiveDetector d) {
        Factor own = d.thresholds().detector();
        List<Report.EntityThreshold> entities = new ArrayList<>();
        new TreeMap<>(d.thresholds().entities()).forEach((entity, factor) -> entities.add(
                new Report.EntityThreshold(entity, factor.value(), thresholds.pinned(d.name(), entity), factor.reason())));
        return new Report.Threshold(own.value(), thresholds.pinned(d.name(), ThresholdChange.DETECTOR), own.reason(),
                entities);
    }
}
