package dev.vigil.features.logs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One group of lines with the same token count that Drain took for one shape (a family), and the templates inside it.
 * <p>
 * The family's {@link #template} is Drain's: where its lines differ it holds the wildcard. Whether such a position is
 * a variable is decided by the values it takes, after Brain (Yu et al., "Brain: Log Parsing with Bidirectional
 * Parallel Tree", TSC 2023): a logging statement writes the same words every time, so a position that has taken only
 * a few distinct values is more likely a word that tells one event from another ({@code ... SOCKS5} and {@code ...
 * HTTPS}, {@code Starting ... initialization.} and {@code ... finalization.}) than a variable. A position is a
 * variable once it has taken {@link DrainParameters#distinctValues()} distinct values, at once when its values differ
 * only in digits and masked parts ({@code blk_<*>} and {@code blk_-<*>}), when every value holds a masked part, or (with
 * {@link DrainParameters#keyValues()}) when its values are {@code key=value} of one key; a position masked in the
 * family's first line is one from the start. Each combination of values at the positions that are not (yet) variables
 * is a template of its own ({@link Event}); when a position becomes a variable, the templates it alone told apart
 * merge into the oldest of them.
 * <p>
 * Not thread-safe: the miner guards it.
 */
final class LogCluster {

    private static final String W = Template.WILDCARD;
    /** Digits and masked parts, with a sign: what two values of one variable may differ in. */
    private static final Pattern VARIABLE_PARTS = Pattern.compile("[-+]?(?:<\\*>|\\d+(?:[.,:]\\d+)*)");
    private static final Pattern KEY = Pattern.compile("^[A-Za-z_][\\w.\\-]*=(?![\"'])");

    /** One template: the lines of the family with the same values at the positions that are not variables. */
    static final class Event {
        final String id;
        /** Its first line's tokens: its values at the positions the family's template does not fix. */
        final String[] firstTokens;
        long count;
        /** {@link LogCluster#text} as last joined; null once the family's template changed (few lines change it). */
        String text;

        Event(String id, String[] firstTokens, long count) {
            this.id = id;
            this.firstTokens = firstTokens;
            this.count = count;
        }
    }

    /** The tokens of the family's first line, which decided its place in the prefix tree. */
    final List<String> firstTokens;
    final String[] template;
    long count;
    /** Positions of {@link #template} that are the wildcard, kept for the similarity tie-break. */
    int wildcards;
    /** Positions known to be variables. */
    final boolean[] variable;
    /**
     * For each wildcard position not yet a variable, the distinct values it has taken (in order of first sight);
     * null elsewhere.
     */
    final Set<String>[] values;
    /** Its templates by the values of their lines at the counted positions ({@link #key}), oldest first. */
    private Map<String, Event> events = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    LogCluster(List<String> firstTokens, String[] template, long count) {
        this.firstTokens = List.copyOf(firstTokens);
        this.template = template;
        this.count = count;
        this.variable = new boolean[template.length];
        this.values = new Set[template.length];
        for (int i = 0; i < template.length; i++) {
            if (W.equals(template[i])) {
                wildcards++;
                variable[i] = true;
            }
        }
    }

    static LogCluster first(List<String> tokens) {
        return new LogCluster(tokens, tokens.toArray(String[]::new), 1);
    }

    /**
     * The share of positions where the template's token equals the line's. A wildcard of the template counts only
     * where the line has a masked variable there too (as Drain3 counts its typed masks), never against a word, so a
     * template does not grow more attractive to other lines as it generalises; but a line made mostly of masked
     * variables still matches the template it started (Drain's simSeq, which skips every wildcard, left such a line
     * below the threshold against its own template: a new template per line). An empty line is fully similar to the
     * empty template.
     */
    double similarity(List<String> tokens) {
        if (template.length == 0) {
            return 1.0;
        }
        int same = 0;
        for (int i = 0; i < template.length; i++) {
            if (template[i].equals(tokens.get(i))) {
                same++;
            }
        }
        return (double) same / template.length;
    }

    /**
     * Learns a matching line: positions where it differs from the template become wildcards, whose values are counted
     * from now on (Drain's generalisation; with {@code distinctValues} 2 they are variables at once).
     *
     * @return whether the positions that tell templates apart changed: then the templates must be {@link #rekey rekeyed}
     */
    boolean absorb(List<String> tokens, DrainParameters parameters) {
        count++;
        boolean changed = false;
        for (int i = 0; i < template.length; i++) {
            String token = tokens.get(i);
            if (!W.equals(template[i])) {
                if (!template[i].equals(token)) {
                    values[i] = new LinkedHashSet<>(List.of(template[i]));
                    template[i] = W;
                    wildcards++;
                    changed = true;
                    changed |= count(i, token, parameters);
                }
            } else if (!variable[i]) {
                changed |= count(i, token, parameters);
            }
        }
        return changed;
    }

    /** Adds a value to a counted position; true when the position became a variable. */
    private boolean count(int position, String value, DrainParameters parameters) {
        Set<String> seen = values[position];
        if (!seen.add(value)) {
            return false;
        }
        if (seen.size() >= parameters.distinctValues() || differOnlyInVariableParts(seen) || allMasked(seen)
                || (parameters.keyValues() && oneKey(seen))) {
            variable[position] = true;
            values[position] = null;
            return true;
        }
        return false;
    }

    private static boolean differOnlyInVariableParts(Set<String> seen) {
        String shape = null;
        boolean variablePart = false;
        for (String value : seen) {
            String s = VARIABLE_PARTS.matcher(value).replaceAll("");
            variablePart |= s.length() < value.length();
            if (shape != null && !shape.equals(s)) {
                return false;
            }
            shape = s;
        }
        return variablePart;
    }

    private static boolean allMasked(Set<String> seen) {
        return seen.stream().allMatch(v -> v.contains(W));
    }

    /** {@code key=value} of one key, at least one of whose values holds a masked part or a digit. */
    private static boolean oneKey(Set<String> seen) {
        String key = null;
        boolean data = false;
        for (String value : seen) {
            var m = KEY.matcher(value);
            if (!m.find() || (key != null && !key.equals(m.group()))) {
                return false;
            }
            key = m.group();
            data |= VARIABLE_PARTS.matcher(value).region(m.end(), value.length()).find();
        }
        return data;
    }

    /** The values of a line at the positions that tell this family's templates apart, as one string. */
    String key(List<String> tokens) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < template.length; i++) {
            if (values[i] != null) {
                key.append(tokens.get(i)).append('\u0000');
            }
        }
        return key.toString();
    }

    private String key(String[] tokens) {
        return key(Arrays.asList(tokens));
    }

    Event event(String key) {
        return events.get(key);
    }

    Event add(Event event) {
        events.put(key(event.firstTokens), event);
        return event;
    }

    /** Its templates, oldest first. */
    List<Event> events() {
        return List.copyOf(events.values());
    }

    /**
     * Files the templates under the positions that tell them apart now; templates that no longer differ there merge
     * into the oldest of them, which takes their lines.
     *
     * @return the merged templates' ids, each with the id it is now counted under
     */
    Map<String, String> rekey() {
        Map<String, Event> rekeyed = new LinkedHashMap<>();
        Map<String, String> merged = new LinkedHashMap<>();
        for (Event event : events.values()) {
            event.text = null;
            Event survivor = rekeyed.putIfAbsent(key(event.firstTokens), event);
            if (survivor != null) {
                survivor.count += event.count;
                merged.put(event.id, survivor.id);
            }
        }
        events = rekeyed;
        return merged;
    }

    /** A template's text: the family's template with the template's own values where the family does not fix them. */
    String text(Event event) {
        if (event.text == null) {
            event.text = join(event);
        }
        return event.text;
    }

    private String join(Event event) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < template.length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(values[i] != null ? event.firstTokens[i] : template[i]);
        }
        return text.toString();
    }

}
