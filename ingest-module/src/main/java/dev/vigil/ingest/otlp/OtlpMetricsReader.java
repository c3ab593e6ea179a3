package dev.vigil.ingest.otlp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

/**
 * OTLP metrics as Vigil observations: each data point of a gauge or a sum is an observation named by its metric,
 * tagged with its resource's attributes and its own (a point's attribute replaces a resource's of the same key), at
 * its time ({@code time_unix_nano}; the time received when unset). Histograms, exponential histograms and summaries
 * are distributions, not one number: their points are skipped and counted, as are points flagged as having no
 * recorded value and NaN or infinite ones. A metric whose name or tags break {@link InputRules} is rejected with the
 * reason; the rest of the request is read.
 */
final class OtlpMetricsReader {

    /** {@code DataPointFlags.FLAG_NO_RECORDED_VALUE}: the point stands for a gap, not a value. */
    private static final int NO_RECORDED_VALUE = 1;

    private final String source;

    OtlpMetricsReader(String source) {
        this.source = source;
    }

    /** What a request gave; {@code skipped} counts points by reason, {@code points} all the request's points. */
    record Reading(List<Observation> observations, List<String> problems, Map<String, Integer> skipped, int points) {
    }

    Reading read(ExportMetricsServiceRequest request, Instant receivedAt) {
        List<Observation> observations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        int total = 0;
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            Map<String, String> resourceTags = new TreeMap<>();
            Attributes.putScalars(resource.getResource().getAttributesList(), resourceTags);
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    total += pointCount(metric);
                    List<NumberDataPoint> points = switch (metric.getDataCase()) {
                        case GAUGE -> metric.getGauge().getDataPointsList();
                        case SUM -> metric.getSum().getDataPointsList();
                        default -> {
                            skipped.merge(metric.getDataCase().name().toLowerCase(Locale.ROOT),
                                    pointCount(metric), Integer::sum);
                            yield List.of();
                        }
                    };
                    try {
                        for (NumberDataPoint point : points) {
                            observe(metric.getName(), resourceTags, point, receivedAt, observations, skipped);
                        }
                    } catch (InvalidInputException e) {
                        problems.add("metric '" + InputRules.printable(metric.getName(), 80) + "': " + e.getMessage());
                    }
                }
            }
        }
        return new Reading(observations, problems, skipped, total);
    }

    private void observe(String name, Map<String, String> resourceTags, NumberDataPoint point, Instant receivedAt,
            List<Observation> observations, Map<String, Integer> skipped) {
        if ((point.getFlags() & NO_RECORDED_VALUE) != 0) {
            skipped.merge("no_recorded_value", 1, Integer::sum);
            return;
        }
        double value = switch (point.getValueCase()) {
            case AS_DOUBLE -> point.getAsDouble();
            case AS_INT -> point.getAsInt();
            default -> Double.NaN;
        };
        if (!Double.isFinite(value)) {
            skipped.merge("not_finite", 1, Integer::sum);
            return;
        }
        Map<String, String> tags = new TreeMap<>(resourceTags);
        Attributes.putScalars(point.getAttributesList(), tags);
        Instant time = point.getTimeUnixNano() == 0 ? receivedAt : nanos(point.getTimeUnixNano());
        observations.add(Observation.of(source, name, tags, time, value));
    }

    static Instant nanos(long unixNanos) {
        return Instant.ofEpochSecond(0, unixNanos);
    }

    private static int pointCount(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            default -> 0;
        };
    }
}
