package dev.vigil.feedback.export;

import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.feedback.history.HistoryReader;
import dev.vigil.feedback.store.AlertVerdicts;
import dev.vigil.feedback.store.AlertVerdicts.AnsweredAlert;
import dev.vigil.ingest.csv.Csv;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.csv.CSVPrinter;

/**
 * The score history's windows as CSV, for retraining models (issue 4's scikit-learn to PMML path reads it): one row
 * per scored window, {@code detector,source,entity,window_end,<feature>...,score} with the features of every window
 * exported as columns (sorted; a window without one leaves its cell empty), and, when labelled, a last column
 * {@code label}: the current verdict of the alert that was firing at the window's end on its fingerprint
 * ({@code TRUE_INCIDENT}, {@code FALSE_ALARM}, {@code EXPECTED}, {@code NEW_NORMAL}, {@code DUPLICATE}),
 * {@code UNANSWERED} for an alert nobody answered, and empty where no alert was firing. Written in ingest's
 * {@link Csv} dialect (RFC 4180; entities such as {@code temperature{device=boiler-1,site=plant-1}} are quoted), which
 * {@code ./vigil score-model} reads.
 */
@ApplicationScoped
public class FeatureExport {

    /** The columns before the features. */
    public static final List<String> LEADING = List.of("detector", "source", "entity", "window_end");
    public static final String UNANSWERED = "UNANSWERED";

    private final HistoryReader history;
    private final AlertVerdicts alerts;

    public FeatureExport(HistoryReader history, AlertVerdicts alerts) {
        this.history = history;
        this.alerts = alerts;
    }

    /** How many rows {@link #write} writes. */
    public long rows(String detector, Instant from, Instant to) throws Exception {
        return history.count(detector, from, to);
    }

    /**
     * Writes the windows of one detector (or all, for null) that ended in {@code [from, to)}, in time order, and
     * flushes {@code out} without closing it.
     *
     * @return the rows written
     */
    public long write(Writer out, String detector, Instant from, Instant to, boolean labelled) throws Exception {
        List<String> features = history.featureNames(detector, from, to);
        List<String> header = new ArrayList<>(LEADING);
        header.addAll(features);
        header.add("score");
        if (labelled) {
            header.add("label");
        }
        CSVPrinter printer = Csv.printer(out);
        printer.printRecord(header);
        Map<String, List<AnsweredAlert>> byFingerprint = new HashMap<>();
        if (labelled) {
            for (AnsweredAlert a : alerts.overlapping(detector, from, to)) {
                byFingerprint.computeIfAbsent(a.fingerprint(), f -> new ArrayList<>()).add(a);
            }
        }
        long[] written = {0};
        history.windows(detector, from, to, w -> {
            List<String> cells = new ArrayList<>(header.size());
            cells.add(w.detector());
            cells.add(w.source());
            cells.add(w.entity());
            cells.add(w.windowEnd().toString());
            for (String feature : features) {
                Double value = w.features().get(feature);
                cells.add(value == null || value.isNaN() ? "" : number(value));
            }
            cells.add(number(w.score()));
            if (labelled) {
                cells.add(label(byFingerprint.getOrDefault(w.fingerprint(), List.of()), w.windowEnd()));
            }
            printer.printRecord(cells);
            written[0]++;
        });
        printer.flush();
        return written[0];
    }

    private static String label(List<AnsweredAlert> alerts, Instant windowEnd) {
        for (AnsweredAlert a : alerts) {
            if (a.covers(windowEnd)) {
                return a.verdict() == null ? UNANSWERED : a.verdict().name();
            }
        }
        return "";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
