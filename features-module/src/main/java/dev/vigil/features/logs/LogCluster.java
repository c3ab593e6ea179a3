package dev.vigil.features.logs;

import java.util.Arrays;
import java.util.List;

/**
 * One group of lines with the same token count that Drain took for one event: its id, the tokens of its first line
 * (which decided its place in the prefix tree and its id) and its current template. Not thread-safe: the miner
 * guards it.
 */
final class LogCluster {

    final String id;
    final List<String> firstTokens;
    final String[] template;
    long count;
    /** Positions of {@link #template} that are the wildcard, kept for the similarity tie-break. */
    int wildcards;
    /** {@link #text()} as last joined; null once a token became a wildcard (every line asks for it, few change it). */
    private String text;

    LogCluster(String id, List<String> firstTokens, String[] template, long count) {
        this.id = id;
        this.firstTokens = List.copyOf(firstTokens);
        this.template = template;
        this.count = count;
        this.wildcards = (int) Arrays.stream(template).filter(Template.WILDCARD::equals).count();
    }

    static LogCluster first(String id, List<String> tokens) {
        return new LogCluster(id, tokens, tokens.toArray(String[]::new), 1);
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

    /** Learns a matching line: positions where it differs become wildcards. */
    void absorb(List<String> tokens) {
        count++;
        for (int i = 0; i < template.length; i++) {
            if (!Template.WILDCARD.equals(template[i]) && !template[i].equals(tokens.get(i))) {
                template[i] = Template.WILDCARD;
                wildcards++;
                text = null;
            }
        }
    }

    String text() {
        if (text == null) {
            text = String.join(" ", template);
        }
        return text;
    }
}
