package dev.vigil.scoring;

/**
 * How a {@link Detector} with several features of one entity turns their findings into one verdict.
 *
 * @param mode  {@link Mode#MAX} or {@link Mode#RSS}
 * @param limit for {@code RSS}, the root sum of squared robust sigmas at which the window is anomalous; unused
 *              (NaN) for {@code MAX}
 */
public record Combination(Mode mode, double limit) {

    /** Name of the finding an {@code RSS} combination adds. */
    public static final String RSS_FINDING = "rss";

    public enum Mode {
        /** The strongest finding of any scorer on any feature decides: one feature far off is enough. */
        MAX,
        /**
         * {@code sqrt(z_1^2 + ... + z_n^2)} over the features' robust z values is one more finding, against
         * {@link #limit()}; it and every per-feature finding compete, so several features each mildly off raise an
         * alarm that none raises alone, and one feature far off still raises its own.
         */
        RSS
    }

    public Combination {
        if (mode == Mode.RSS && !(limit > 0 && Double.isFinite(limit))) {
            throw new IllegalArgumentException("an rss combination needs a positive limit, got " + limit);
        }
    }

    public static Combination max() {
        return new Combination(Mode.MAX, Double.NaN);
    }

    /** @param limit root sum of squared sigmas at which a window is anomalous (e.g. 4 for three features) */
    public static Combination rss(double limit) {
        return new Combination(Mode.RSS, limit);
    }
}
