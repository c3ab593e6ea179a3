package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.features.sequence.ActionTransitions;
import dev.vigil.features.users.EntityKind;
import dev.vigil.features.users.UserActivity;
import dev.vigil.features.users.UserWindow;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;
import dev.vigil.scoring.Judgement;
import dev.vigil.scoring.pmml.PmmlModel;
import dev.vigil.scoring.pmml.PmmlResult;
import dev.vigil.scoring.users.ModelScorer;
import dev.vigil.scoring.users.ScoringProblems;
import dev.vigil.scoring.users.UserDetectorDefinition;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.FieldValue;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One row scored with a PMML model: Vigil's {@link PmmlModel#score} (input checks, binding by name, evaluation,
 * decoding, the 0..1 mapping, the result record) and the whole live scorer, {@link ModelScorer#judge} (the model in
 * use from its hot-reload slot, the window's features, the finding with its description naming the model's file,
 * version and checksum), against the raw pmml-evaluator call (prepare the inputs, evaluate) on the same model and
 * rows, in the same run. Rows cycle through the model's test set, so branches and values vary as they do in
 * production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class PmmlScoringBenchmark {

    /** Folder holding the models and their test rows; the copies in the scoring module's tests by default. */
    private static final Path MODELS = Path.of(System.getProperty("vigil.bench.models",
            "scoring-module/src/test/resources/pmml"));

    @Param({ "iforest_userbehaviour" })
    public String model;

    private Evaluator rawEvaluator;
    private List<InputField> inputs;
    private PmmlModel vigilModel;
    private ModelScorer scorer;
    private List<Map<String, Double>> rows;
    private List<UserWindow> windows;
    private int next;

    @Setup
    public void load() throws Exception {
        Path file = MODELS.resolve(model + ".pmml");
        rawEvaluator = new LoadingModelEvaluatorBuilder().load(file.toFile()).build();
        rawEvaluator.verify();
        inputs = rawEvaluator.getInputFields();
        vigilModel = PmmlModel.load(file);
        List<String> names = inputs.stream().map(InputField::getName).toList();
        rows = readRows(MODELS.resolve(model.substring(model.indexOf('_') + 1) + "_test.csv"), names);
        scorer = (ModelScorer) new UserDetectorDefinition.Model(file.getFileName().toString(), Map.of(), Double.NaN,
                Set.copyOf(names)).build("bench", MODELS, ScoringProblems.IGNORE);
        scorer.slot().load();
        windows = new ArrayList<>();
        Instant end = Instant.parse("2026-01-08T03:15:00Z");
        for (Map<String, Double> row : rows) {
            windows.add(new UserWindow(new FeatureVector("users", "user:bench", UserActivity.labels(EntityKind.USER,
                    "bench"), end.minusSeconds(60), end, row), EntityKind.USER, List.of(ActionTransitions.START), List.of()));
        }
    }

    @Benchmark
    public Map<String, ?> rawEvaluator() {
        Map<String, Double> row = nextRow();
        Map<String, FieldValue> arguments = new LinkedHashMap<>();
        for (InputField input : inputs) {
            arguments.put(input.getName(), input.prepare(row.get(input.getName())));
        }
        return rawEvaluator.evaluate(arguments);
    }

    @Benchmark
    public PmmlResult vigilScore() {
        return vigilModel.score("bench-user", nextRow());
    }

    @Benchmark
    public Optional<Judgement> vigilScorer() {
        UserWindow window = windows.get(next);
        next = (next + 1) % windows.size();
        return scorer.judge(window);
    }

    private Map<String, Double> nextRow() {
        Map<String, Double> row = rows.get(next);
        next = (next + 1) % rows.size();
        return row;
    }

    /** The model's input columns of a numeric CSV with a header. */
    private static List<Map<String, Double>> readRows(Path csv, List<String> fields) throws IOException {
        List<Map<String, Double>> rows = new ArrayList<>();
        try (CsvReader in = CsvReader.open(csv)) {
            List<String> header = in.next().cells();
            for (CsvRow line = in.next(); line != null; line = in.next()) {
                Map<String, Double> row = new LinkedHashMap<>();
                for (String field : fields) {
                    row.put(field, Double.parseDouble(line.cell(header.indexOf(field))));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
