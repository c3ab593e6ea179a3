package dev.vigil.features.logs;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How the miner turns lines into templates: Drain's parameters (He et al., "Drain: An Online Log Parsing Approach with
 * Fixed Depth Tree", ICWS 2017), the masks, and when a position where lines differ is a variable (after Brain).
 *
 * @param depth               depth of the prefix tree's leaves, counting the root and the token-count layer as in the
 *                            paper and logparser: {@code depth - 3} leading tokens choose the leaf, so the default
 *                            {@value #DEFAULT_DEPTH} routes by the first token only. At least 3.
 * @param similarityThreshold a line joins the most similar family of its leaf when the share of positions where the
 *                            family's template equals the line is at least this; otherwise it starts a new family.
 *                            In (0, 1]; default {@value #DEFAULT_SIMILARITY}.
 * @param maxChildren         most children of one internal tree node; beyond it new leading tokens share the
 *                            {@code <*>} child, which bounds the tree. At least 2; default {@value #DEFAULT_MAX_CHILDREN}.
 * @param masks               rules applied before matching: rules from configuration first, in their order, then the
 *                            built-in ones listed; default {@link MaskRule#DEFAULTS} (every built-in rule).
 * @param maxTemplates        most templates one miner keeps: a service that logs ever new shapes (ids the masks miss,
 *                            free text) would otherwise grow without bound; past it a line that matches no template
 *                            is counted under {@link DrainMiner#OVERFLOW_ID} and no template is made. At least 1;
 *                            default {@value #DEFAULT_MAX_TEMPLATES}.
 * @param distinctValues      a position where a family's lines differ is a variable once it has taken this many
 *                            distinct values; until then each value is a template of its own (Brain's rule: few
 *                            values are words of different events). 2 makes every difference a variable at once, as
 *                            Drain does. 2 to 100; default {@value #DEFAULT_DISTINCT_VALUES}.
 * @param keyValues           whether a position whose values are {@code key=value} of one key is a variable at once
 *                            (the value of a key is printed data). Default true.
 */
public record DrainParameters(int depth, double similarityThreshold, int maxChildren, List<MaskRule> masks,
        int maxTemplates, int distinctValues, boolean keyValues) {

    public static final int DEFAULT_DEPTH = 4;
    public static final double DEFAULT_SIMILARITY = 0.5;
    public static final int DEFAULT_MAX_CHILDREN = 100;
    public static final int DEFAULT_MAX_TEMPLATES = 5000;
    public static final int DEFAULT_DISTINCT_VALUES = 4;

    public DrainParameters {
        if (depth < 3) {
            throw new IllegalArgumentException("Drain depth must be at least 3, got " + depth);
        }
        if (!(similarityThreshold > 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException("Drain similarity threshold must be in (0, 1], got " + similarityThreshold);
        }
        if (maxChildren < 2) {
            throw new IllegalArgumentException("Drain max children must be at least 2, got " + maxChildren);
        }
        if (maxTemplates < 1) {
            throw new IllegalArgumentException("Drain max templates must be at least 1, got " + maxTemplates);
        }
        if (distinctValues < 2 || distinctValues > 100) {
            throw new IllegalArgumentException("distinct values must be between 2 and 100, got " + distinctValues);
        }
        masks = List.copyOf(masks);
    }

    /**
     * The generic default, for a source with no format of its own: depth 4, similarity 0.5, 100 children, every
     * built-in mask, 5000 templates, a variable after 4 distinct values, {@code key=value} values variables.
     */
    public static DrainParameters defaults() {
        return new DrainParameters(DEFAULT_DEPTH, DEFAULT_SIMILARITY, DEFAULT_MAX_CHILDREN, MaskRule.DEFAULTS,
                DEFAULT_MAX_TEMPLATES, DEFAULT_DISTINCT_VALUES, true);
    }

    public DrainParameters withDepth(int newDepth) {
        return new DrainParameters(newDepth, similarityThreshold, maxChildren, masks, maxTemplates, distinctValues,
                keyValues);
    }

    public DrainParameters withSimilarityThreshold(double threshold) {
        return new DrainParameters(depth, threshold, maxChildren, masks, maxTemplates, distinctValues, keyValues);
    }

    public DrainParameters withMaxChildren(int children) {
        return new DrainParameters(depth, similarityThreshold, children, masks, maxTemplates, distinctValues, keyValues);
    }

    public DrainParameters withMaxTemplates(int templates) {
        return new DrainParameters(depth, similarityThreshold, maxChildren, masks, templates, distinctValues, keyValues);
    }

    public DrainParameters withMasks(List<MaskRule> newMasks) {
        return new DrainParameters(depth, similarityThreshold, maxChildren, newMasks, maxTemplates, distinctValues,
                keyValues);
    }

    public DrainParameters withDistinctValues(int values) {
        return new DrainParameters(depth, similarityThreshold, maxChildren, masks, maxTemplates, values, keyValues);
    }

    public DrainParameters withKeyValues(boolean variables) {
        return new DrainParameters(depth, similarityThreshold, maxChildren, masks, maxTemplates, distinctValues,
                variables);
    }

    /** How many leading tokens route a line to its leaf. */
    int tokenLayers() {
        return depth - 3;
    }

    /**
     * A text that differs whenever two parameter sets could parse a line differently; kept in snapshots, whose
     * templates are migrated when it changed.
     */
    String signature() {
        return depth + "|" + similarityThreshold + "|" + maxChildren + "|" + distinctValues + "|" + keyValues + "|"
                + masks.stream().map(MaskRule::signature).collect(Collectors.joining("|"));
    }
}
