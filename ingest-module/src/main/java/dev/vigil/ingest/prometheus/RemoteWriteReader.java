package dev.vigil.ingest.prometheus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.prometheus.RemoteWriteSeries.Sample;

/**
 * Prometheus series as Vigil observations: the metric from {@code __name__}, every other label a tag (a label with an
 * empty value is no label, as in Prometheus), each sample an observation at its timestamp in ms. Vigil's name rules
 * apply ({@link InputRules}): a series whose name or labels break them is rejected whole, with the reason. Samples
 * that are not numbers Vigil can score are skipped and counted by {@link Skipped} reason, not rejected: Prometheus
 * sends stale markers whenever a target or series disappears, and NaN or infinite values are legitimate there.
 */
public final class RemoteWriteReader {

    /** Prometheus' stale marker: a NaN with this exact bit pattern (prometheus/model/value). */
    static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private final String source;

    /** @param source the source observations carry */
    public RemoteWriteReader(String source) {
        this.source = source;
    }

    /** Why a sample was skipped. */
    public enum Skipped {
        /** Prometheus' stale marker: the series ended. */
        STALE,
        /** Any other NaN. */
        NAN,
        /** Positive or negative infinity. */
        INFINITE;

        /** As a metric tag. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A series that broke Vigil's rules, with the reason. */
    public record Rejected(RemoteWriteSeries series, String reason) {
    }

    /** What a request gave. */
    public record Reading(List<Observation> observations, List<Rejected> rejected, Map<Skipped, Integer> skipped) {
    }

    public Reading read(List<RemoteWriteSeries> request) {
        List<Observation> observations = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<Skipped, Integer> skipped = new EnumMap<>(Skipped.class);
        for (RemoteWriteSeries series : request) {
            try {
                String metric = series.labels().get(RemoteWriteSeries.NAME_LABEL);
                Map<String, String> tags = tags(series);
                for (Sample sample : series.samples()) {
                    Skipped reason = skipReason(sample.value());
                    if (reason != null) {
                        skipped.merge(reason, 1, Integer::sum);
                    } else {
                        observations.add(Observation.of(source, metric, tags,
                                Instant.ofEpochMilli(sample.timestampMillis()), sample.value()));
                    }
                }
            } catch (InvalidInputException e) {
                rejected.add(new Rejected(series, e.getMessage()));
            }
        }
        return new Reading(observations, rejected, skipped);
    }

    private static Map<String, String> tags(RemoteWriteSeries series) {
        Map<String, String> tags = new TreeMap<>();
        series.labels().forEach((name, value) -> {
            if (!RemoteWriteSeries.NAME_LABEL.equals(name) && !value.isEmpty()) {
                tags.put(name, value);
            }
        });
        return tags;
    }

    private static Skipped skipReason(double value) {
        if (Double.doubleToRawLongBits(value) == STALE_NAN_BITS) {
            return Skipped.STALE;
        }
        if (Double.isNaN(value)) {
            return Skipped.NAN;
        }
        return Double.isInfinite(value) ? Skipped.INFINITE : null;
    }
}
