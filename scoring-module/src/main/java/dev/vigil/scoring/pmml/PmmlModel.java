package dev.vigil.scoring.pmml;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import org.dmg.pmml.ComparisonMeasure;
import org.dmg.pmml.DataType;
import org.dmg.pmml.Euclidean;
import org.dmg.pmml.Header;
import org.dmg.pmml.Measure;
import org.dmg.pmml.MiningFunction;
import org.dmg.pmml.Model;
import org.dmg.pmml.PMML;
import org.dmg.pmml.ResultFeature;
import org.dmg.pmml.SquaredEuclidean;
import org.dmg.pmml.clustering.Cluster;
import org.dmg.pmml.clustering.ClusteringModel;
import org.dmg.pmml.mining.MiningModel;
import org.dmg.pmml.support_vector_machine.SupportVectorMachineModel;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.EvaluatorUtil;
import org.jpmml.evaluator.HasModel;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.jpmml.evaluator.OutputField;
import org.jpmml.evaluator.TargetField;
import org.jpmml.model.PMMLException;
import org.xml.sax.SAXException;

import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PMML model file, loaded, verified and ready to score Vigil feature values.
 * <p>
 * The kind of model is read from the PMML content, and each kind's output is mapped onto Vigil's anomaly score in
 * [0, 1] (higher = more anomalous):
 * <ul>
 *     <li><b>Isolation Forest</b> (a {@code MiningModel} with {@code normalizedAnomalyScore} and
 *     {@code decisionFunction} output fields, as JPMML-SkLearn writes it): {@code 2^-normalizedAnomalyScore}, the
 *     paper's anomaly score, equal to sklearn's {@code -score_samples}.</li>
 *     <li><b>One-class SVM</b> (a {@code SupportVectorMachineModel} with a {@code decisionFunction} output):
 *     {@code 1 / (1 + exp(decisionFunction))}. sklearn's decision function is negative for outliers, so the
 *     model's own boundary, 0, maps to 0.5 and outliers score above it.</li>
 *     <li><b>k-means</b> (a {@code ClusteringModel}): the distance {@code d} to the assigned centroid,
 *     {@code sqrt(affinity(cluster))} for a {@code squaredEuclidean} measure, mapped to {@code d / (1 + d)}.</li>
 *     <li><b>Classifier</b> (any model with {@code functionName="classification"}): the probability of the
 *     positive class, {@code probability(1)} when the target has a class "1", otherwise the last class.</li>
 * </ul>
 * Each kind also gives its own decision boundary on that scale ({@link PmmlResult#boundary()}): sklearn's
 * {@code -offset_} for an Isolation Forest (0.569 at 2 % contamination), 0.5 for a one-class SVM and a classifier,
 * none for k-means.
 * <p>
 * Inputs are bound by name through a mapping from Vigil feature names to model input field names, checked when
 * the model is loaded (every input fed by exactly one feature, and of a numeric type), and every input must be present and finite when scoring: the PMML files Vigil gets carry no
 * missing-value treatment, and pmml-evaluator's own reactions to a missing value differ per model (one of them
 * silently scores without the field).
 * <p>
 * Immutable once loaded and safe to share between threads.
 */
public final class PmmlModel {

    /** Input types a Vigil feature (a double) can feed. */
    private static final Set<DataType> NUMERIC = Set.of(DataType.DOUBLE, DataType.FLOAT, DataType.INTEGER);

    /** The version recorded for a model whose PMML Header has no {@code modelVersion}. */
    public static final String UNVERSIONED = "unversioned";

    private final String name;
    private final String version;
    private final String checksum;
    private final Evaluator evaluator;
    private final ScoreReading reading;
    /** model input field name to the Vigil feature that feeds it, in the model's input order */
    private final Map<String, String> featureByInput;
    private final List<String> outputFields;

    private PmmlModel(String name, String version, String checksum, Evaluator evaluator, ScoreReading kind,
            Map<String, String> featureByInput, List<String> outputFields) {
        this.name = name;
        this.version = version;
        this.checksum = checksum;
        this.evaluator = evaluator;
        this.reading = kind;
        this.featureByInput = featureByInput;
        this.outputFields = outputFields;
    }

    /** Loads a model whose input fields are fed by Vigil features of the same names. */
    public static PmmlModel load(Path file) {
        return load(file, Map.of());
    }

    /**
     * Loads a model, binding its inputs through {@code inputByFeature}.
     *
     * @param inputByFeature Vigil feature name to model input field name; empty means every input field is fed by
     *                       the feature of the same name
     * @throws PmmlModelException if the file cannot be read, is not a PMML model Vigil can evaluate, or the mapping
     *                            names a field the model does not have or leaves an input field unfed
     */
    public static PmmlModel load(Path file, Map<String, String> inputByFeature) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PmmlModelException("Cannot read PMML model " + file + ": " + e, e);
        }
        return load(file, bytes, inputByFeature, null);
    }

    /**
     * {@link #load(Path, Map)} of a file's bytes already read (the file names the model in messages).
     *
     * @param features the features there are, or null: with them, an input the mapping leaves out is fed by the
     *                 feature of its own name, if there is one
     */
    static PmmlModel load(Path file, byte[] bytes, Map<String, String> inputByFeature, Set<String> features) {
        String name = file.getFileName().toString();
        Evaluator evaluator = build(file, bytes);
        PMML pmml = ((HasModel<?>) evaluator).getPMML();
        Header header = pmml.getHeader();
        String version = header != null && header.getModelVersion() != null ? header.getModelVersion() : UNVERSIONED;
        ScoreReading kind = detectKind(file, evaluator);
        Map<String, String> featureByInput = bindInputs(file, evaluator, inputByFeature, features);
        return new PmmlModel(name, version, sha256(bytes), evaluator, kind, featureByInput, resultFields(evaluator));
    }

    private static Evaluator build(Path file, byte[] bytes) {
        // The default handler prints every XML problem to stderr with the whole list of PMML element names; keep
        // the first event instead and stop there, so the exception can say in one line what is wrong and where.
        List<ValidationEvent> events = new ArrayList<>();
        try {
            Evaluator evaluator = new LoadingModelEvaluatorBuilder()
                    .setValidationEventHandler(event -> !events.add(event))
                    .load(new ByteArrayInputStream(bytes))
                    .build();
            evaluator.verify();
            return evaluator;
        } catch (JAXBException | SAXException | ParserConfigurationException e) {
            String reason = events.isEmpty() ? rootMessage(e) : describe(events.get(0));
            throw new PmmlModelException("Cannot load PMML model " + file + ": not a valid PMML document: " + reason,
                    e);
        } catch (PMMLException e) {
            // build() and verify() reject well-formed PMML they cannot evaluate: no model, a required element
            // missing, an unsupported element, a failed verification record
            throw new PmmlModelException("Cannot load PMML model " + file + ": " + rootMessage(e), e);
        }
    }

    private static String describe(ValidationEvent event) {
        String message = event.getMessage() == null ? "malformed content" : event.getMessage();
        // JAXB lists every element it would have accepted: hundreds of names that help nobody
        int expected = message.indexOf(" Expected elements are");
        if (expected >= 0) {
            message = message.substring(0, expected);
        }
        ValidationEventLocator locator = event.getLocator();
        return locator == null || locator.getLineNumber() < 0
                ? message.strip()
                : "line " + locator.getLineNumber() + ": " + message.strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static ScoreReading detectKind(Path file, Evaluator evaluator) {
        Model model = ((HasModel<?>) evaluator).getModel();
        Map<String, OutputField> outputs = new LinkedHashMap<>();
        evaluator.getOutputFields().forEach(field -> outputs.put(field.getName(), field));
        if (model instanceof MiningModel && outputs.containsKey("normalizedAnomalyScore")
                && outputs.containsKey("decisionFunction")) {
            return new ScoreReading.IsolationForest("normalizedAnomalyScore", "decisionFunction");
        }
        if (evaluator.getMiningFunction() == MiningFunction.CLASSIFICATION) {
            return classifier(file, evaluator, outputs);
        }
        if (model instanceof SupportVectorMachineModel && outputs.containsKey("decisionFunction")) {
            return new ScoreReading.OneClassSvm("decisionFunction");
        }
        if (model instanceof ClusteringModel clustering) {
            return kMeans(file, clustering, outputs);
        }
        throw new PmmlModelException("Cannot load PMML model " + file + ": a " + model.getClass().getSimpleName()
                + " with function " + evaluator.getMiningFunction() + " and outputs " + outputs.keySet()
                + " is not a kind Vigil can score (Isolation Forest, one-class SVM, k-means or classifier)");
    }

    private static ScoreReading classifier(Path file, Evaluator evaluator, Map<String, OutputField> outputs) {
        TargetField target = evaluator.getTargetFields().get(0);
        List<String> classes = target.getCategories().stream().map(String::valueOf).toList();
        String positive = classes.contains("1") ? "1" : classes.get(classes.size() - 1);
        return outputs.values().stream()
                .filter(field -> field.getField().getResultFeature() == ResultFeature.PROBABILITY
                        && positive.equals(String.valueOf(field.getField().getValue())))
                .findFirst()
                .map(field -> new ScoreReading.Classifier(field.getName()))
                .orElseThrow(() -> new PmmlModelException("Cannot load PMML model " + file
                        + ": the classifier has no probability output field for its positive class '" + positive
                        + "' of target '" + target.getName() + "'"));
    }

    private static ScoreReading kMeans(Path file, ClusteringModel model, Map<String, OutputField> outputs) {
        ComparisonMeasure comparison = model.getComparisonMeasure();
        Measure measure = comparison.requireMeasure();
        if (comparison.requireKind() != ComparisonMeasure.Kind.DISTANCE
                || !(measure instanceof SquaredEuclidean || measure instanceof Euclidean)) {
            throw new PmmlModelException("Cannot load PMML model " + file + ": the clustering model compares by "
                    + comparison.requireKind().value() + " " + measure.getClass().getSimpleName()
                    + "; Vigil scores only (squared) Euclidean distances");
        }
        String clusterField = outputs.values().stream()
                .filter(field -> field.getField().getResultFeature() == ResultFeature.PREDICTED_VALUE)
                .map(OutputField::getName)
                .findFirst()
                .orElseThrow(() -> new PmmlModelException("Cannot load PMML model " + file
                        + ": the clustering model has no output field for the assigned cluster"));
        Map<String, String> affinityByValue = new HashMap<>();
        outputs.values().stream()
                .filter(field -> field.getField().getResultFeature() == ResultFeature.AFFINITY)
                .forEach(field -> affinityByValue.put(String.valueOf(field.getField().getValue()), field.getName()));
        Map<String, String> affinityByCluster = new HashMap<>();
        List<Cluster> clusters = model.getClusters();
        for (int i = 0; i < clusters.size(); i++) {
            // PMML: a cluster without an id is identified by its 1-based position
            String id = clusters.get(i).getId() != null ? clusters.get(i).getId() : String.valueOf(i + 1);
            String field = affinityByValue.get(id);
            if (field == null) {
                throw new PmmlModelException("Cannot load PMML model " + file
                        + ": no affinity output field for cluster '" + id + "'");
            }
            affinityByCluster.put(id, field);
        }
        return new ScoreReading.KMeans(clusterField, Map.copyOf(affinityByCluster),
                measure instanceof SquaredEuclidean);
    }

    private static Map<String, String> bindInputs(Path file, Evaluator evaluator, Map<String, String> inputByFeature,
            Set<String> features) {
        for (InputField input : evaluator.getInputFields()) {
            // Vigil's features are numbers: a model that wants a string or a date cannot be fed, whatever the mapping
            if (!NUMERIC.contains(input.getDataType())) {
                throw new PmmlModelException("Cannot load PMML model " + file + ": model input field '"
                        + input.getName() + "' is of type " + input.getDataType().value()
                        + ", but Vigil features are numbers (double, float or integer inputs only)");
            }
        }
        List<String> inputs = evaluator.getInputFields().stream().map(InputField::getName).toList();
        Map<String, String> featureByInput = new LinkedHashMap<>();
        if (inputByFeature.isEmpty() && features == null) {
            inputs.forEach(input -> featureByInput.put(input, input));
            return Collections.unmodifiableMap(featureByInput);
        }
        inputByFeature.forEach((feature, input) -> {
            if (!inputs.contains(input)) {
                throw new PmmlModelException("Cannot load PMML model " + file + ": feature '" + feature
                        + "' is mapped to '" + input + "', which is not an input field of the model (inputs: "
                        + inputs + ")");
            }
            String other = featureByInput.putIfAbsent(input, feature);
            if (other != null) {
                throw new PmmlModelException("Cannot load PMML model " + file + ": input field '" + input
                        + "' is mapped from two features, '" + other + "' and '" + feature + "'");
            }
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String input : inputs) {
            String feature = featureByInput.get(input);
            if (feature == null && features != null && features.contains(input)) {
                feature = input;
            }
            if (feature == null) {
                throw new PmmlModelException("Cannot load PMML model " + file + ": model input field '" + input
                        + "' is not fed by any feature in the mapping " + inputByFeature
                        + (features == null ? "" : " and there is no feature of that name"));
            }
            ordered.put(input, feature);
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** The names under which results appear: targets first, then outputs, as the evaluator returns them. */
    private static List<String> resultFields(Evaluator evaluator) {
        List<String> names = new ArrayList<>();
        for (TargetField target : evaluator.getTargetFields()) {
            // An unsupervised model's synthetic target has no name and repeats a named output field
            if (!target.isSynthetic()) {
                names.add(target.getName());
            }
        }
        evaluator.getOutputFields().forEach(field -> names.add(field.getName()));
        return List.copyOf(names);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * Scores one entity.
     *
     * @param entity   what is scored, for messages only
     * @param features Vigil feature values by feature name; features the model does not use are ignored
     * @throws PmmlModelException naming the entity and the field when a model input is missing, NaN or infinite
     */
    public PmmlResult score(String entity, Map<String, Double> features) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (InputField input : evaluator.getInputFields()) {
            String feature = featureByInput.get(input.getName());
            Double value = features.get(feature);
            if (value == null || !Double.isFinite(value)) {
                String what = value == null ? "is missing" : "is " + value + ", not a finite number";
                throw new PmmlModelException("Cannot score " + entity + " with " + name + ": feature '" + feature
                        + "'" + (feature.equals(input.getName()) ? "" : " (model input '" + input.getName() + "')")
                        + " " + what);
            }
            try {
                arguments.put(input.getName(), input.prepare(value));
            } catch (PMMLException e) {
                // e.g. 2.5 for an integer field, or a value outside a valid-range domain
                throw new PmmlModelException("Cannot score " + entity + " with " + name + ": feature '" + feature
                        + "' = " + value + " is not a valid value for model input '" + input.getName() + "': "
                        + rootMessage(e), e);
            }
        }
        Map<String, ?> results;
        try {
            results = EvaluatorUtil.decodeAll(evaluator.evaluate(arguments));
        } catch (PMMLException e) {
            throw new PmmlModelException("Cannot score " + entity + " with " + name + ": the evaluator failed: "
                    + rootMessage(e), e);
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputFields.forEach(field -> outputs.put(field, results.get(field)));
        return new PmmlResult(reading.score(results), reading.boundary(results), Collections.unmodifiableMap(outputs), name,
                version, checksum);
    }

    /** The file name the model was loaded from. */
    public String name() {
        return name;
    }

    /** The PMML Header's {@code modelVersion}, or {@link #UNVERSIONED}. */
    public String version() {
        return version;
    }

    /** SHA-256 of the model file's bytes, lower-case hex. */
    public String checksum() {
        return checksum;
    }

    /** Whether the model draws its own line between normal and anomalous ({@link PmmlResult#boundary()}). */
    public boolean hasBoundary() {
        return reading.hasBoundary();
    }

    /** What kind of model this is, as detected from its content: "isolation forest", "k-means", … */
    public String kind() {
        return reading.label();
    }

    /** The model's input field names, in the model's order. */
    public List<String> inputFields() {
        return List.copyOf(featureByInput.keySet());
    }

    /** Each model input field and the Vigil feature that feeds it, in the model's order. */
    public Map<String, String> featureByInput() {
        return featureByInput;
    }

    /** The keys of every {@link PmmlResult#outputs()} this model gives, in order. */
    public List<String> outputFields() {
        return outputFields;
    }

    @Override
    public String toString() {
        return name + " (" + reading.label() + ", version " + version + ", sha256 " + checksum + ")";
    }
}
