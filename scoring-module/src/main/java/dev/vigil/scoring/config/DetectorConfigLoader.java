package dev.vigil.scoring.config;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import dev.vigil.contracts.AlertBudget;
import dev.vigil.contracts.config.ConfigNode;
import dev.vigil.contracts.config.Globs;
import dev.vigil.features.logs.LogWindowAggregate;
import dev.vigil.features.window.GaugeAggregate;
import dev.vigil.features.window.GroupAggregate;
import dev.vigil.features.window.LogLevelAggregate;
import dev.vigil.scoring.BaselineSettings;
import dev.vigil.scoring.Calibration;
import dev.vigil.scoring.Combination;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.RefractoryPeriod;
import dev.vigil.scoring.config.DetectorDefinition.Stream;
import dev.vigil.scoring.model.AnomalyLikelihood;
import dev.vigil.scoring.model.EnsembleSettings;
import dev.vigil.scoring.model.ModelKind;
import dev.vigil.scoring.model.context.ContextKind;
import dev.vigil.scoring.model.knn.KnnKind;
import dev.vigil.scoring.model.rcf.RcfKind;
import dev.vigil.scoring.users.UserDetectorDefinition;
import dev.vigil.scoring.users.UserDetectorDefinition.Model;

/**
 * Reads the detectors file ({@code detectors.yaml}): which streams feed which detectors, their scorers, parameters and
 * combination. Everything is checked here, at start, and the first problem is reported with its key; see
 * {@code default-detectors.yaml} beside this class for the documented format and the defaults Vigil ships with.
 */
public final class DetectorConfigLoader {

    /** The configuration used when none is given, on the class path. */
    public static final String DEFAULT_RESOURCE = "/dev/vigil/scoring/config/default-detectors.yaml";

    private static final Set<String> DETECTOR_KEYS = Set.of("stream", "metrics", "feature", "group", "kind", "baseline",
            "scorers", "combine", "calibrate", "budget", "model", "models", "likelihood");
    private static final Set<String> LIKELIHOOD_KEYS = Set.of("scorers", "long", "short", "min-values", "threshold",
            "refractory", "hold", "refractory-from", "max-entities");
    /** The longest name of a detector with an ensemble: its entities are saved under {@code <name>/models} (63 at most). */
    static final int MAX_ENSEMBLE_NAME = 56;
    private static final Set<String> MODEL_DETECTOR_KEYS = Set.of("stream", "model");
    private static final Set<String> CALIBRATE_KEYS = Set.of("long", "short", "min-values", "threshold", "refractory",
            "hold", "refractory-from");
    private static final Set<String> BUDGET_KEYS = Set.of("alerts-per-day", "entities", "pin");
    private static final Set<String> BASELINE_KEYS = Set.of("window", "min-values", "ewma-alpha", "max-series");

    private static final String WHEN_EMPTY = "a 'detectors' mapping";
    /** What the log windows have, per stream; metric windows are checked by the metrics they name. */
    private static final Map<Stream, List<String>> LOG_FEATURES = Map.of(
            Stream.LOGS, List.of(LogLevelAggregate.EVENTS, LogLevelAggregate.ERROR_COUNT, LogLevelAggregate.WARN_COUNT,
                    LogWindowAggregate.ERROR_RATIO, LogWindowAggregate.WARN_RATIO, LogWindowAggregate.NEW_TEMPLATES),
            Stream.LOG_TEMPLATES, List.of(LogWindowAggregate.TEMPLATE_COUNT));

    private final ScorerCatalogue catalogue = new ScorerCatalogue();

    /** The detectors Vigil ships with, of the metrics and logs streams. */
    public List<DetectorDefinition> loadDefault() {
        return readDefault().detectors();
    }

    /** The metrics and logs detectors of a file (its users detectors are checked too, and left out). */
    public List<DetectorDefinition> load(Path file) {
        return read(ConfigNode.parse(file, WHEN_EMPTY)).detectors();
    }

    public List<DetectorDefinition> load(InputStream yaml, String origin) {
        return read(ConfigNode.parse(yaml, origin, WHEN_EMPTY)).detectors();
    }

    /** The users detectors Vigil ships with. */
    public List<UserDetectorDefinition> loadDefaultUsers() {
        return readDefault().users();
    }

    /** The users detectors of a file (its other detectors are checked too, and left out). */
    public List<UserDetectorDefinition> loadUsers(Path file) {
        return read(ConfigNode.parse(file, WHEN_EMPTY)).users();
    }

    public List<UserDetectorDefinition> loadUsers(InputStream yaml, String origin) {
        return read(ConfigNode.parse(yaml, origin, WHEN_EMPTY)).users();
    }

    private DetectorsFile readDefault() {
        return read(ConfigNode.parseResource(DetectorConfigLoader.class, DEFAULT_RESOURCE, WHEN_EMPTY));
    }

    /** Every detector of a file: those that score metric and log windows, and those that judge users' windows. */
    private record DetectorsFile(List<DetectorDefinition> detectors, List<UserDetectorDefinition> users) {
    }

    private DetectorsFile read(ConfigNode parsed) {
        ConfigNode root = parsed.onlyKeys(Set.of("detectors"));
        if (!root.has("detectors")) {
            throw root.child("detectors").error("is required");
        }
        List<DetectorDefinition> detectors = new ArrayList<>();
        List<UserDetectorDefinition> users = new ArrayList<>();
        root.child("detectors").entries().forEach((name, node) -> {
            if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw node.error("a detector name is 1 to 63 lower-case letters, digits and '-'");
            }
            if (choice(node, "stream", null, Stream.class) == Stream.USERS) {
                users.add(UserDetectorReader.read(name, node));
            } else {
                detectors.add(detector(name, node));
            }
        });
        if (detectors.isEmpty() && users.isEmpty()) {
            throw root.child("detectors").error("names no detector");
        }
        return new DetectorsFile(List.copyOf(detectors), List.copyOf(users));
    }

    private DetectorDefinition detector(String name, ConfigNode node) {
        node.onlyKeys(DETECTOR_KEYS);
        Stream stream = choice(node, "stream", null, Stream.class);
        if (node.has("model") && stream != Stream.METRICS) {
            return modelled(name, stream, node);
        }
        if (stream == Stream.LOG_SESSIONS) {
            throw node.child("model").error("is required: sessions are judged by a model, e.g. {invariants: {}} or "
                    + "{transitions: {}}");
        }
        boolean group = node.has("group");
        if (group && node.has("feature")) {
            throw node.child("group").error("a detector has either 'feature' or 'group', not both");
        }
        if (stream != Stream.METRICS && (group || node.has("metrics"))) {
            throw node.child(group ? "group" : "metrics").error("only a metrics detector selects metrics");
        }
        List<String> features = group ? node.strings("group", List.of())
                : List.of(node.string("feature", defaultFeature(stream)));
        if (LOG_FEATURES.containsKey(stream) && !LOG_FEATURES.get(stream).contains(features.get(0))) {
            throw node.child("feature").error("a " + name(stream) + " window has the features "
                    + LOG_FEATURES.get(stream) + ", got '" + features.get(0) + "'");
        }
        if (group && features.size() < 2 && !features.stream().anyMatch(Globs::isPattern)) {
            throw node.child("group").error("a group combines at least two metrics (or a glob of them, [\"*\"] for "
                    + "every metric with the same tags), got " + features);
        }
        List<String> metrics = stream == Stream.METRICS ? node.strings("metrics", group ? features : List.of("*")) : List.of();
        if (stream == Stream.METRICS && metrics.isEmpty()) {
            throw node.child("metrics").error("names no metric: this detector would never score anything");
        }
        FeatureKind kind = choice(node, "kind", stream == Stream.METRICS ? FeatureKind.GAUGE : FeatureKind.COUNT, FeatureKind.class);
        BaselineSettings baseline = baseline(node.child("baseline"));
        boolean openGroup = group && features.stream().anyMatch(Globs::isPattern);
        if (node.has("model") && openGroup) {
            throw node.child("model").error("a PMML model reads named features: name the group's metrics, not globs "
                    + "of them");
        }
        Model pmml = node.has("model") ? ModelBlock.read(node.child("model"), windowVector(group, features),
                feature -> "'" + feature + "' is not a feature of this detector's windows; they have "
                        + windowVector(group, features)) : null;
        List<ModelKind> models = models(node.child("models"));
        if (!models.isEmpty() && stream != Stream.METRICS) {
            throw node.child("models").error("model-backed detectors judge metric windows only");
        }
        List<ScorerDefinition> scorers = (models.isEmpty() && pmml == null) || node.has("scorers")
                ? scorers(node.child("scorers")) : List.of();
        if (group && features.size() < 2 && node.has("combine")) {
            throw node.child("combine").error("an open group's metrics are whatever each entity sends: it combines "
                    + "them by its models, not by rss");
        }
        Combination combination = combination(node.child("combine"), features.size());
        Calibration calibration = calibration(node.child("calibrate"));
        EnsembleSettings ensemble = models.isEmpty() && !node.has("likelihood") ? null
                : ensemble(node.child("likelihood"), scorers.stream().map(ScorerDefinition::type).toList(), models);
        if (ensemble != null && calibration != null) {
            throw node.child("calibrate").error("a detector judged by a likelihood (models or likelihood) is not "
                    + "calibrated too: the likelihood is its calibration");
        }
        if (scorers.isEmpty() && node.has("calibrate")) {
            throw node.child("calibrate").error("calibrates scorers' findings; this detector has none");
        }
        if (ensemble != null && name.length() > MAX_ENSEMBLE_NAME) {
            throw node.error("the name of a detector with models or a likelihood is at most " + MAX_ENSEMBLE_NAME
                    + " characters");
        }
        return new DetectorDefinition(name, stream, metrics, features, group, kind, baseline, scorers, combination,
                calibration, budget(node.child("budget")), null, ensemble, pmml);
    }

    /**
     * The named features a metrics detector's PMML model reads: a series' window statistics ({@code mean, min, max,
     * last, count}), or each group member's mean (its name) and statistics ({@code <metric>_min}, ...), and each scored
     * feature's change since the entity's previous window ({@code <feature>_delta}).
     */
    static List<String> windowVector(boolean group, List<String> features) {
        List<String> vector = new ArrayList<>();
        if (group) {
            for (String metric : features) {
                vector.add(metric);
                GroupAggregate.STATISTICS.forEach(statistic -> vector.add(GroupAggregate.statistic(metric, statistic)));
            }
        } else {
            vector.addAll(GaugeAggregate.FEATURES);
        }
        features.forEach(feature -> vector.add(Detector.delta(feature)));
        return List.copyOf(vector);
    }

    private static String defaultFeature(Stream stream) {
        return switch (stream) {
            case METRICS -> "mean";
            case LOGS -> "error_count";
            case LOG_TEMPLATES, LOG_SESSIONS -> LogWindowAggregate.TEMPLATE_COUNT;
            case USERS -> throw new IllegalStateException("a users detector is read by UserDetectorReader");
        };
    }

    /** {@code model: {<kind>: {parameters}}}: a log detector that judges with a model of its own, not with scorers. */
    private static DetectorDefinition modelled(String name, Stream stream, ConfigNode node) {
        node.onlyKeys(MODEL_DETECTOR_KEYS);
        ConfigNode model = node.child("model");
        if (model.isText() || model.entries().size() != 1) {
            throw model.error("must name one model with its parameters, e.g. {invariants: {training: 1000}}; models: "
                    + ModelDefinition.kinds());
        }
        Map.Entry<String, ConfigNode> only = model.entries().entrySet().iterator().next();
        ConfigNode p = only.getValue();
        ModelDefinition definition = switch (only.getKey()) {
            case ModelDefinition.Novelty.KIND -> {
                keys(p, Set.of("period", "warm-up-lines"));
                Duration period = p.duration("period", Duration.ofHours(1));
                if (period.isZero()) {
                    throw p.child("period").error("must be positive");
                }
                yield new ModelDefinition.Novelty(period, p.integer("warm-up-lines", 1000, 0, Integer.MAX_VALUE));
            }
            case ModelDefinition.Invariants.KIND -> {
                keys(p, Set.of("training", "support", "max-ratio"));
                yield new ModelDefinition.Invariants(p.integer("training", 1000, 10, 1_000_000),
                        p.number("support", 0.98, 0.5, 1), p.integer("max-ratio", 3, 1, 10));
            }
            case ModelDefinition.Transitions.KIND -> {
                keys(p, Set.of("training", "alpha", "limit-bits", "max-states"));
                yield new ModelDefinition.Transitions(p.integer("training", 1000, 10, 1_000_000),
                        p.number("alpha", 0.1, 1e-9, 100), p.number("limit-bits", 13, 1, 64),
                        p.integer("max-states", 10_000, 2, 1_000_000));
            }
            default -> throw p.error("unknown model, expected one of " + ModelDefinition.kinds());
        };
        if (definition.stream() != stream) {
            throw node.child("stream").error("a " + definition.kind() + " model reads stream '" + name(definition.stream())
                    + "', got '" + name(stream) + "'");
        }
        return new DetectorDefinition(name, stream, List.of(), List.of(), false, FeatureKind.COUNT,
                BaselineSettings.defaults(BaselineSettings.DEFAULT_MIN_VALUES), List.of(), Combination.max(), null, null,
                definition, null, null);
    }

    /** A model's parameters: a mapping of known keys, or nothing (every default). */
    private static void keys(ConfigNode parameters, Set<String> allowed) {
        if (parameters.present()) {
            parameters.onlyKeys(allowed);
        }
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static BaselineSettings baseline(ConfigNode node) {
        if (!node.present()) {
            return BaselineSettings.defaults(BaselineSettings.DEFAULT_MIN_VALUES);
        }
        node.onlyKeys(BASELINE_KEYS);
        return new BaselineSettings(node.integer("window", BaselineSettings.DEFAULT_WINDOW, 2, 10_000),
                node.number("ewma-alpha", BaselineSettings.DEFAULT_EWMA_ALPHA, 1e-6, 1),
                node.integer("min-values", BaselineSettings.DEFAULT_MIN_VALUES, 2, 1_000_000),
                node.integer("max-series", BaselineSettings.DEFAULT_MAX_SERIES, 1, 100_000_000));
    }

    /** {@code calibrate: {long, short, min-values, threshold, refractory, refractory-from, hold}}, all optional. */
    private static Calibration calibration(ConfigNode node) {
        if (!node.present()) {
            return null;
        }
        if (node.isText()) {
            throw node.error("must be a mapping {long, short, min-values, threshold, refractory, refractory-from, hold} (use {} for the defaults), got '"
                    + node.text() + "'");
        }
        node.onlyKeys(CALIBRATE_KEYS);
        int longValues = node.integer("long", Calibration.DEFAULT_LONG_VALUES, 2, 100_000_000);
        int shortValues = node.integer("short", Calibration.DEFAULT_SHORT_VALUES, 1, 100_000_000);
        if (shortValues > longValues) {
            throw node.child("short").error("must not exceed long (" + longValues + "), got " + shortValues);
        }
        return new Calibration(longValues, shortValues,
                node.integer("min-values", Calibration.DEFAULT_MIN_VALUES, 2, 100_000_000),
                node.number("threshold", Calibration.DEFAULT_THRESHOLD, 1e-9, 1e9),
                node.integer("refractory", Calibration.DEFAULT_REFRACTORY, 0, 100_000_000),
                node.integer("hold", Calibration.DEFAULT_HOLD, 1, 100_000_000),
                choice(node, "refractory-from", Calibration.Refractory.END, Calibration.Refractory.class));
    }

    /** {@code models: {rcf: {...}, knn: {...}}}: the model-backed detectors, each with its parameters, all optional. */
    private static List<ModelKind> models(ConfigNode node) {
        if (!node.present()) {
            return List.of();
        }
        if (node.isText() || node.entries().isEmpty()) {
            throw node.error("must name models with their parameters, e.g. {rcf: {}, knn: {}}; models: "
                    + List.of(RcfKind.NAME, KnnKind.NAME, ContextKind.NAME));
        }
        List<ModelKind> models = new ArrayList<>();
        node.entries().forEach((type, p) -> {
            try {
                models.add(switch (type) {
                    case RcfKind.NAME -> {
                        keys(p, Set.of("trees", "sample-size", "shingle", "time-decay"));
                        int sampleSize = p.integer("sample-size", RcfKind.DEFAULT_SAMPLE_SIZE, 16, 8192);
                        yield new RcfKind(p.integer("trees", RcfKind.DEFAULT_TREES, 1, 1000), sampleSize,
                                p.integer("shingle", RcfKind.DEFAULT_SHINGLE, 1, 256),
                                p.number("time-decay", RcfKind.defaultTimeDecay(sampleSize), 0, 0.5));
                    }
                    case KnnKind.NAME -> {
                        keys(p, Set.of("shingle", "neighbours", "training", "calibration"));
                        yield new KnnKind(p.integer("shingle", KnnKind.DEFAULT_SHINGLE, 1, 256),
                                p.integer("neighbours", KnnKind.DEFAULT_NEIGHBOURS, 1, 1000),
                                p.integer("training", KnnKind.DEFAULT_TRAINING, 1, 100_000),
                                p.integer("calibration", KnnKind.DEFAULT_CALIBRATION, 10, 100_000));
                    }
                    case ContextKind.NAME -> {
                        keys(p, Set.of("levels", "order", "memory", "capacity", "warm-up"));
                        yield new ContextKind(p.integer("levels", ContextKind.DEFAULT_LEVELS, 2, 1024),
                                p.integer("order", ContextKind.DEFAULT_ORDER, 1, 32),
                                p.integer("memory", ContextKind.DEFAULT_MEMORY, 10, 100_000_000),
                                p.integer("capacity", ContextKind.DEFAULT_CAPACITY, 64, 1 << 20),
                                p.integer("warm-up", ContextKind.DEFAULT_WARM_UP, 2, 100_000_000));
                    }
                    default -> throw p.error("unknown model, expected one of " + List.of(RcfKind.NAME, KnnKind.NAME, ContextKind.NAME));
                });
            } catch (IllegalArgumentException e) {
                throw p.error(e.getMessage());
            }
        });
        return models;
    }

    /**
     * {@code likelihood: {scorers, long, short, min-values, threshold, refractory, refractory-from, hold,
     * max-entities}}; {@code scorers} names the detector's scorers that are members (default: all of them).
     */
    private static EnsembleSettings ensemble(ConfigNode node, List<String> scorers, List<ModelKind> models) {
        if (node.isText()) {
            throw node.error("must be a mapping {scorers, long, short, min-values, threshold, refractory, "
                    + "refractory-from, hold, max-entities} (use {} for the defaults), got '" + node.text() + "'");
        }
        if (node.present()) {
            node.onlyKeys(LIKELIHOOD_KEYS);
        }
        int longValues = node.integer("long", AnomalyLikelihood.DEFAULT_LONG_VALUES, 2, 100_000_000);
        int shortValues = node.integer("short", AnomalyLikelihood.DEFAULT_SHORT_VALUES, 1, 100_000_000);
        if (shortValues > longValues) {
            throw node.child("short").error("must not exceed long (" + longValues + "), got " + shortValues);
        }
        List<String> members = node.strings("scorers", scorers);
        for (String member : members) {
            if (!scorers.contains(member)) {
                throw node.child("scorers").error("names '" + member + "', which is not one of the detector's scorers "
                        + scorers);
            }
        }
        return new EnsembleSettings(members, models,
                new AnomalyLikelihood(longValues, shortValues,
                        node.integer("min-values", AnomalyLikelihood.DEFAULT_MIN_VALUES, 2, 100_000_000)),
                node.number("threshold", EnsembleSettings.DEFAULT_THRESHOLD, 1e-3, AnomalyLikelihood.MAX_SURPRISE),
                new RefractoryPeriod(node.integer("refractory", Calibration.DEFAULT_REFRACTORY, 0, 100_000_000),
                        node.integer("hold", Calibration.DEFAULT_HOLD, 1, 100_000_000),
                        choice(node, "refractory-from", Calibration.Refractory.END, Calibration.Refractory.class)),
                node.integer("max-entities", EnsembleSettings.DEFAULT_MAX_ENTITIES, 1, 100_000_000));
    }

    /** {@code budget: {alerts-per-day: N, entities: {glob: N, ...}, pin: F}}; alerts-per-day is required. */
    private static AlertBudget budget(ConfigNode node) {
        if (!node.present()) {
            return null;
        }
        node.onlyKeys(BUDGET_KEYS);
        if (!node.has("alerts-per-day")) {
            throw node.child("alerts-per-day").error("is required: the alerts a day this detector may raise, e.g. 10");
        }
        double perDay = node.number("alerts-per-day", 0, 1e-6, 1e6);
        List<AlertBudget.EntityBudget> entities = new ArrayList<>();
        if (node.has("entities")) {
            node.child("entities").entries().forEach((glob, budget) -> {
                if (glob.isBlank()) {
                    throw budget.error("an entity glob must not be blank");
                }
                ConfigNode holder = node.child("entities");
                entities.add(new AlertBudget.EntityBudget(glob, holder.number(glob, 0, 1e-6, 1e6)));
            });
        }
        OptionalDouble pin = node.has("pin") ? OptionalDouble.of(node.number("pin", 1, 0.01, 100)) : OptionalDouble.empty();
        return new AlertBudget(perDay, entities, pin);
    }

    private List<ScorerDefinition> scorers(ConfigNode node) {
        if (!node.present()) {
            throw node.error("is required: a mapping of scorer type to its parameters, e.g. {robust-z: {threshold: 3.5}}");
        }
        List<ScorerDefinition> scorers = new ArrayList<>();
        node.entries().forEach((type, parameters) -> scorers.add(catalogue.define(type, parameters)));
        if (scorers.isEmpty()) {
            throw node.error("names no scorer");
        }
        return scorers;
    }

    private static Combination combination(ConfigNode node, int features) {
        if (node.isText()) {
            if (node.text().equals("max")) {
                return Combination.max();
            }
            throw node.error("must be 'max' or {rss: {threshold: N}}, got '" + node.text() + "'");
        }
        if (!node.present()) {
            return Combination.max();
        }
        node.onlyKeys(Set.of("rss"));
        ConfigNode rss = node.child("rss").onlyKeys(Set.of("threshold"));
        if (features < 2) {
            throw node.error("rss combines several features; this detector scores one");
        }
        return Combination.rss(rss.number("threshold", 3 * Math.sqrt(features), 1e-9, 1e9));
    }

    /** An enum constant written in lower case with '-' for '_'; {@code fallback} null means the key is required. */
    static <E extends Enum<E>> E choice(ConfigNode node, String key, E fallback, Class<E> type) {
        String value = node.string(key, null);
        if (value == null) {
            if (fallback == null) {
                throw node.child(key).error("is required, one of " + names(type));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw node.child(key).error("must be one of " + names(type) + ", got '" + value + "'");
        }
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(name(e));
        }
        return names;
    }
}
