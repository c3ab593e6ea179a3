package dev.vigil.features.logs;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Drain's parameters (He et al., "Drain: An Online Log Parsing Approach with Fixed Depth Tree", ICWS 2017).
 *
 * @param depth               depth of the prefix tree's leaves, counting the root and the token-count layer as in the
 *                            paper and logparser: {@code depth - 3} leading tokens choose the leaf, so the default
 *                            {@value #DEFAULT_DEPTH} routes by the first token only. At least 3.
 * @param similarityThreshold a line joins the most similar template of its leaf when the share of positions where the
 *                            template's literal token equals the line's token is at least this; otherwise it starts a
 *                            new template. In (0, 1]; default {@value #DEFAULT_SIMILARITY}.
 * @param maxChildren         most children of one internal tree node; beyond it new leading tokens share the
 *                            {@code <*>} child, which bounds the tree. At least 2; default {@value #DEFAULT_MAX_CHILDREN}.
 * @param masks               rules applied in order before tokenizing; default {@link MaskRule#DEFAULTS} (ip, hex, path,
 *                            num).
 * @param maxTemplates        most templates one miner keeps: a service that logs ever new shapes (ids the masks miss,
 *                            free text) would otherwise grow without bound; past it a line that matches no template
 *                            is counted under {@link DrainMiner#OVERFLOW_ID} and no template is made. At least 1;
 *                            default {@value #DEFAULT_MAX_TEMPLATES}.
 */
public record DrainParameters(int depth, double similarityThreshold, int maxChildren, List<MaskRule> masks,
        int maxTemplates) {

    public static final int DEFAULT_DEPTH = 4;
    public static final double DEFAULT_SIMILARITY = 0.5;
    public static final int DEFAULT_MAX_CHILDREN = 100;
    public static final int DEFAULT_MAX_TEMPLATES = 5000;

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
        masks = List.copyOf(masks);
    }

    /** With the default bound on templates. */
    public DrainParameters(int depth, double similarityThreshold, int maxChildren, List<MaskRule> masks) {
        this(depth, similarityThreshold, maxChildren, masks, DEFAULT_MAX_TEMPLATES);
    }

    /** Depth 4, similarity 0.5, 100 children, the default masks. */
    public static DrainParameters defaults() {
        return new DrainParameters(DEFAULT_DEPTH, DEFAULT_SIMILARITY, DEFAULT_MAX_CHILDREN, MaskRule.DEFAULTS);
    }

    public DrainParameters withDepth(int newDepth) {
        return new DrainParameters(newDepth, similarityThreshold, maxChildren, masks, maxTemplates);
    }

    public DrainParameters withSimilarityThreshold(double threshold) {
        return new DrainParameters(depth, threshold, maxChildren, masks, maxTemplates);
    }

    public DrainParameters withMaxChildren(int children) {
        return new DrainParameters(depth, similarityThreshold, children, masks, maxTemplates);
    }

    public DrainParameters withMaxTemplates(int templates) {
        return new DrainParameters(depth, similarityThreshold, maxChildren, masks, templates);
    }

    public DrainParameters withMasks(List<MaskRule> newMasks) {
        return new DrainParameters(depth, similarityThreshold, maxChildren, newMasks, maxTemplates);
    }

    /** How many leading tokens route a line to its leaf. */
    int tokenLayers() {
        return depth - 3;
    }

    /** A text that differs whenever two parameter sets could parse a line differently; kept in snapshots. */
    String signature() {
        return depth + "|" + similarityThreshold + "|" + maxChildren + "|"
                + masks.stream().map(MaskRule::signature).collect(Collectors.joining("|"));
    }
}
