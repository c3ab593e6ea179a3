package dev.vigil.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.feedback.history.HistoryConfig;
import dev.vigil.feedback.history.HistoryStore;
import dev.vigil.feedback.history.ScoreHistory;
import dev.vigil.feedback.history.ScoredWindow;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What storing every score costs the detection path. {@code pipeline} is one window through the shipped
 * {@code metric-baseline} detector and the alert lifecycle (what the engine and alerting's door do per window);
 * {@code pipelineWithHistory} is the same plus {@code ScoreHistory.record}, with the history's writer thread running
 * and inserting into an in-memory H2 migrated by the real Flyway scripts, as in the application. The difference is the
 * write cost on the scoring thread; the writer's own work runs on another core, and what it could not keep up with is
 * dropped and counted: each iteration prints the windows written and dropped. {@code insertBatch} is the writer's side
 * alone: one batch of 500 rows inserted ({@code HistoryStore.insert}), for its rows per second. Windows cycle over 256
 * series of one metric (Gaussian noise with an occasional spike).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ScoreHistoryBenchmark {

    private static final int SERIES = 256;
    private static final int BATCH = 500;

    private JdbcDataSource db;
    private Detector detector;
    private AlertLifecycle lifecycle;
    private ScoreHistory history;
    private HistoryStore store;
    private SimpleMeterRegistry registry;
    private final SplittableRandom random = new SplittableRandom(7);
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private final List<TreeMap<String, String>> tags = new ArrayList<>();
    private List<ScoredWindow> batch;
    private long minute;
    private int series;

    @Setup(Level.Trial)
    public void prepare() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:history-bench-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        store = new HistoryStore(db, new ObjectMapper().findAndRegisterModules());
        registry = new SimpleMeterRegistry();
        detector = DetectorFactory.create(new DetectorConfigLoader().loadDefault().get(0));
        lifecycle = new AlertLifecycle(new ConfirmationPolicy(2, 3, 3));
        history = new ScoreHistory(store, config(), registry);
        history.start();
        for (int s = 0; s < SERIES; s++) {
            tags.add(new TreeMap<>(Map.of("device", "d" + s, "site", "bench")));
        }
        // past every series' warm-up, so every measured window is scored
        for (int i = 0; i < 30 * SERIES; i++) {
            detector.evaluate(next());
        }
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            FeatureVector window = next();
            detector.evaluate(window).ifPresent(s -> batch.add(ScoredWindow.of(s, window.features(), 1)));
        }
    }

    @TearDown(Level.Iteration)
    public void emptyTheTable() throws Exception {
        history.flush(Duration.ofSeconds(60));
        System.out.printf("%n  history: %.0f windows written, %.0f dropped so far%n",
                registry.counter("vigil.history.rows").count(), registry.counter("vigil.history.dropped").count());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM score_history");
        }
    }

    private FeatureVector next() {
        int s = series;
        series = (series + 1) % SERIES;
        if (s == 0) {
            minute++;
        }
        Instant from = start.plus(Duration.ofMinutes(minute));
        double mean = 50 + random.nextGaussian() + (random.nextInt(500) == 0 ? 20 : 0);
        return new FeatureVector("bench", "temperature{device=d" + s + ",site=bench}", tags.get(s), from,
                from.plusSeconds(60), Map.of("mean", mean, "min", mean - 1, "max", mean + 1, "last", mean, "count", 6.0));
    }

    @Benchmark
    public Optional<Alert> pipeline() {
        return detector.evaluate(next()).flatMap(lifecycle::onScore);
    }

    @Benchmark
    public Optional<Alert> pipelineWithHistory() {
        FeatureVector window = next();
        Optional<Score> score = detector.evaluate(window);
        score.ifPresent(history::record);
        return score.flatMap(lifecycle::onScore);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int insertBatch() throws Exception {
        store.insert(batch);
        return batch.size();
    }

    /** The application's defaults (vigil.history.* in application.properties). */
    private static HistoryConfig config() {
        return new HistoryConfig() {
            public boolean enabled() {
                return true;
            }

            public Duration retention() {
                return Duration.ofDays(30);
            }

            public String purgeEvery() {
                return "1h";
            }

            public int queueCapacity() {
                return 100_000;
            }

            public int batchSize() {
                return BATCH;
            }

            public Duration flushInterval() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
