package dev.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.vigil.features.state.DecayingQuantiles;
import dev.vigil.features.state.SeasonalProfile;
import dev.vigil.features.state.Seasonality;
import dev.vigil.features.state.SeriesState;
import dev.vigil.features.state.StateSpec;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One value of one series as the pipeline handles it: a scorer reads the view (mean, median, MAD, EWMA, a quantile,
 * the seasonal expectation), then the state learns the value. {@code minimal} is a window of 60 and nothing else;
 * {@code full} adds the quantile sketch and an hour-of-week profile. Run with {@code -prof gc} for bytes allocated
 * per event. {@link StateSize#main} reports the memory a series' state takes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class FeatureUpdateBenchmark {

    private static final int VALUES = 4096;

    @Param({ "minimal", "full" })
    public String spec;

    private SeriesState state;
    private double[] values;
    private Instant[] times;
    private int next;

    static StateSpec spec(String name) {
        return switch (name) {
            case "minimal" -> new StateSpec(60, 0.1, 2);
            case "full" -> new StateSpec(60, 0.1, List.of(DecayingQuantiles.KIND, SeasonalProfile.HOUR_OF_WEEK), 2);
            default -> throw new IllegalArgumentException("unknown spec " + name + ", use minimal or full");
        };
    }

    @Setup
    public void learnAWeek() {
        // minute values with a daily cycle and noise, so the window, the sketch's bins and the buckets all vary
        Random random = new Random(7);
        values = new double[VALUES];
        times = new Instant[VALUES];
        Instant t0 = Instant.parse("2024-03-04T00:00:00Z");
        for (int i = 0; i < VALUES; i++) {
            times[i] = t0.plus(Duration.ofMinutes(i));
            values[i] = 100 + 20 * Math.sin(i * 2 * Math.PI / 1440) + 5 * random.nextGaussian();
        }
        state = new SeriesState(spec(spec));
        Instant weekBefore = t0.minus(Duration.ofDays(7));
        for (int i = 0; i < 7 * 1440; i++) {
            state.learn(weekBefore.plus(Duration.ofMinutes(i)), values[i % VALUES]);
        }
    }

    @Benchmark
    public void readThenLearn(Blackhole bh) {
        int i = next++ & (VALUES - 1);
        Instant at = times[i];
        bh.consume(state.mean());
        bh.consume(state.median());
        bh.consume(state.mad());
        bh.consume(state.ewmaMean());
        bh.consume(state.ewmaStdDev());
        DecayingQuantiles quantiles = state.statistic(DecayingQuantiles.KIND);
        if (quantiles != null) {
            bh.consume(quantiles.quantile(0.99));
        }
        SeasonalProfile week = state.statistic(SeasonalProfile.HOUR_OF_WEEK);
        if (week != null) {
            bh.consume(week.expected(at));
            bh.consume(week.spread(at));
        }
        state.learn(at, values[i]);
    }

    /**
     * Bytes of state per series: builds 100,000 states that have each learned a week of minute values (so the
     * sketch and the buckets are as full as in production) and measures the heap they hold after a GC. Run as
     * {@code java -cp bench/target/benchmarks.jar dev.vigil.bench.FeatureUpdateBenchmark\$StateSize [minimal|full]}.
     */
    public static final class StateSize {

        private static final int SERIES = 100_000;

        public static void main(String[] args) {
            String[] specs = args.length == 0 ? new String[] { "minimal", "full" } : args;
            for (String name : specs) {
                System.out.printf("%-8s %,d bytes per series%n", name, bytesPerSeries(spec(name)));
            }
        }

        static long bytesPerSeries(StateSpec spec) {
            // two values per hour of the week: every seasonal bucket is used, the rolling window is full and the
            // sketch holds as many bins as this spread ever needs, at a fraction of a week's learning time
            Random random = new Random(11);
            Instant t0 = Instant.parse("2024-03-04T00:00:00Z");
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = heapUsedAfterGc(memory);
            SeriesState[] states = new SeriesState[SERIES];
            for (int s = 0; s < SERIES; s++) {
                SeriesState state = new SeriesState(spec);
                for (int h = 0; h < 2 * 168; h++) {
                    state.learn(t0.plus(Duration.ofMinutes(30L * h)), 100 + 20 * random.nextGaussian());
                }
                states[s] = state;
            }
            long after = heapUsedAfterGc(memory);
            long perSeries = (after - before) / SERIES;
            if (states[random.nextInt(SERIES)].count() == 0) {
                throw new AssertionError("keeps the states reachable until measured");
            }
            return perSeries;
        }

        private static long heapUsedAfterGc(MemoryMXBean memory) {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return memory.getHeapMemoryUsage().getUsed();
        }
    }
}
