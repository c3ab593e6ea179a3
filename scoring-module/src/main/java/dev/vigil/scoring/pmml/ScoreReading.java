package dev.vigil.scoring.pmml;

import java.util.Map;

/**
 * How Vigil reads a 0..1 anomaly score from each kind of PMML model it knows, with the result fields it reads.
 * Detected from the PMML content by {@link PmmlModel}, never from the file name.
 */
sealed interface ScoreReading {

    /** A short name for messages and summaries. */
    String label();

    /** Vigil's anomaly score in [0, 1] from the model's decoded results. */
    double score(Map<String, ?> results);

    /**
     * Where the model itself draws the line between normal and anomalous, on the same 0..1 scale as {@link #score},
     * or NaN for a model that has no decision of its own (k-means).
     */
    double boundary(Map<String, ?> results);

    /** Whether {@link #boundary} is a number: the model decides by itself what is anomalous. */
    default boolean hasBoundary() {
        return true;
    }

    /**
     * Isolation Forest: {@code 2^-normalizedAnomalyScore}, where {@code normalizedAnomalyScore} is the mean path
     * length over {@code c(n)}. This is the anomaly score of Liu et al. and sklearn's {@code -score_samples}: about
     * 0.5 for ordinary points, towards 1 for points isolated in few splits. Its boundary is sklearn's: the
     * {@code decisionFunction} output is {@code -offset_ - 2^-normalizedAnomalyScore} (negative for outliers), so the
     * boundary on the anomaly score is {@code score + decisionFunction}, the same for every row (0.569 for a
     * contamination of 2 %).
     */
    record IsolationForest(String normalizedScoreField, String decisionField) implements ScoreReading {
        @Override
        public String label() {
            return "isolation forest";
        }

        @Override
        public double score(Map<String, ?> results) {
            return Math.pow(2, -number(results, normalizedScoreField));
        }

        @Override
        public double boundary(Map<String, ?> results) {
            return score(results) + number(results, decisionField);
        }
    }

    /**
     * One-class SVM: {@code 1 / (1 + exp(decisionFunction))}. sklearn's decision function is negative for outliers
     * and its boundary is 0, so the boundary maps to 0.5, outliers lie above it, and the map is monotone.
     */
    record OneClassSvm(String decisionField) implements ScoreReading {
        @Override
        public String label() {
            return "one-class SVM";
        }

        @Override
        public double score(Map<String, ?> results) {
            return 1 / (1 + Math.exp(number(results, decisionField)));
        }

        /** The decision function's 0, mapped. */
        @Override
        public double boundary(Map<String, ?> results) {
            return 0.5;
        }
    }

    /**
     * k-means: the Euclidean distance {@code d} to the assigned centroid, mapped to {@code d / (1 + d)}, so a
     * point one unit (in the model's own, usually scaled, space) from its centroid scores 0.5. PMML's affinity
     * for a {@code squaredEuclidean} measure is the squared distance, so {@code d = sqrt(affinity)} there.
     *
     * @param affinityFieldByCluster the affinity output field of each cluster id
     */
    record KMeans(String clusterField, Map<String, String> affinityFieldByCluster, boolean squaredAffinity)
            implements ScoreReading {
        @Override
        public String label() {
            return "k-means";
        }

        @Override
        public double score(Map<String, ?> results) {
            double affinity = number(results, affinityFieldByCluster.get(String.valueOf(results.get(clusterField))));
            double distance = squaredAffinity ? Math.sqrt(affinity) : affinity;
            return distance / (1 + distance);
        }

        /** k-means assigns a cluster but never calls a point an outlier: a detector must set its own threshold. */
        @Override
        public double boundary(Map<String, ?> results) {
            return Double.NaN;
        }

        @Override
        public boolean hasBoundary() {
            return false;
        }
    }

    /** A classifier: the probability of the positive class, which is already on the 0..1 scale. */
    record Classifier(String positiveProbabilityField) implements ScoreReading {
        @Override
        public String label() {
            return "classifier";
        }

        @Override
        public double score(Map<String, ?> results) {
            return number(results, positiveProbabilityField);
        }

        /** The positive class wins above even odds. */
        @Override
        public double boundary(Map<String, ?> results) {
            return 0.5;
        }
    }

    private static double number(Map<String, ?> results, String field) {
        return ((Number) results.get(field)).doubleValue();
    }
}
