package dev.vigil.ingest.prometheus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.vigil.contracts.InputRules;

/**
 * One {@code prometheus.TimeSeries} of a remote-write request: its labels as sent (the metric's name under
 * {@value #NAME_LABEL}) and its samples.
 */
public record RemoteWriteSeries(Map<String, String> labels, List<Sample> samples) {

    /** The label that carries the metric's name. */
    public static final String NAME_LABEL = "__name__";

    public RemoteWriteSeries {
        labels = Map.copyOf(labels);
        samples = List.copyOf(samples);
    }

    /** One {@code prometheus.Sample}: a value (NaN and stale markers included) at a time in ms since the epoch. */
    public record Sample(double value, long timestampMillis) {
    }

    /** The series as Prometheus prints it ({@code name{k="v",...}}), shortened and safe to log, for a dead letter. */
    public String printable() {
        String name = labels.getOrDefault(NAME_LABEL, "");
        String others = labels.entrySet().stream().filter(label -> !NAME_LABEL.equals(label.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return InputRules.printable(name + others, 1000);
    }
}
