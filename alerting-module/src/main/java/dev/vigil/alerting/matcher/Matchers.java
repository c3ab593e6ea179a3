package dev.vigil.alerting.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.Alert;

/** All of a list of matchers; an empty list matches everything. */
public record Matchers(List<Matcher> all) {

    public static final Matchers ANY = new Matchers(List.of());

    public Matchers {
        all = List.copyOf(all);
    }

    public static Matchers parse(List<String> texts) {
        return new Matchers(texts.stream().map(Matcher::parse).toList());
    }

    /**
     * The matchers that pick out one series' alerts: its detector, source and entity, then each of its labels a
     * matcher can name (one already named is skipped). What an "expected" answer silences, and what the console's
     * "silence this" link proposes.
     */
    public static Matchers identifying(String detector, String source, String entity, Map<String, String> labels) {
        List<Matcher> matchers = new ArrayList<>();
        matchers.add(new Matcher("detector", Matcher.Op.EQUAL, detector));
        matchers.add(new Matcher("source", Matcher.Op.EQUAL, source));
        matchers.add(new Matcher("entity", Matcher.Op.EQUAL, entity));
        new TreeMap<>(labels).forEach((name, value) -> {
            if (Matcher.nameable(name) && matchers.stream().noneMatch(m -> m.name().equals(name))) {
                matchers.add(new Matcher(name, Matcher.Op.EQUAL, value));
            }
        });
        return new Matchers(matchers);
    }

    public boolean matches(Map<String, String> labels) {
        for (Matcher m : all) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(Alert alert) {
        return matches(labelsOf(alert));
    }

    /**
     * What matchers see of an alert: its labels plus {@code detector}, {@code source}, {@code entity} and
     * {@code severity} (lower case: {@code warning}, {@code critical}); an alert label of the same name wins.
     */
    public static Map<String, String> labelsOf(Alert alert) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("detector", alert.detector());
        labels.put("source", alert.source());
        labels.put("entity", alert.entity());
        labels.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
        labels.putAll(alert.labels());
        return labels;
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
