package dev.vigil.scoring.pmml;

import java.util.Map;

/**
 * One entity scored by a PMML model.
 *
 * @param score        Vigil's anomaly score in [0, 1], higher meaning more anomalous; how each kind of model maps
 *                     onto it is described on {@link PmmlModel}
 * @param boundary     the model's own decision boundary on the same scale (Isolation Forest: sklearn's
 *                     {@code -offset_}; one-class SVM and classifiers 0.5), NaN for a model without one (k-means)
 * @param outputs      the model's own result fields, decoded to plain Java values, in the order the evaluator gives
 *                     them (target first, then output fields, including non-final ones such as the Isolation
 *                     Forest's {@code normalizedAnomalyScore}); unmodifiable
 * @param modelName    the model's file name
 * @param modelVersion the PMML Header's {@code modelVersion}, or {@value PmmlModel#UNVERSIONED}
 * @param checksum     SHA-256 of the model file's bytes, lower-case hex
 */
public record PmmlResult(double score, double boundary, Map<String, Object> outputs, String modelName, String modelVersion,
        String checksum) {
}
