package dev.vigil.bench.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Observation;
import dev.vigil.features.window.GaugeAggregate;
import dev.vigil.features.window.TumblingWindows;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;

/**
 * Heap per active metric series, over the real classes the live metric path keeps per series: its event-time windows
 * ({@link TumblingWindows} of {@link GaugeAggregate}, as the metric stream has them), the shipped
 * {@code metric-baseline} detector's learned state (rolling window, quantile sketch, calibration; it keeps as many
 * series as are measured, its {@code max-series}) and the alert lifecycle with the shipped alerting file. Each series
 * (a sensor of a site, {@code temperature{device,site}}, its own level and noise) sends one point per minute for
 * {@code windows} minutes; every closed window is scored and goes through the lifecycle. Then the heap is measured
 * after GC, against the heap before the first series.
 * <p>
 * {@code java -Xmx… -cp … dev.vigil.bench.e2e.HeapPerSeries SERIES WINDOWS [histogram]}: prints {@code heap-per-series
 * SERIES WINDOWS BYTES_PER_SERIES USED_BYTES} (and the classes holding most of the heap), or fails with an
 * OutOfMemoryError when they do not fit.
 */
public final class HeapPerSeries {

    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    private HeapPerSeries() {
    }

    public static void main(String[] args) throws IOException {
        int series = Integer.parseInt(args[0]);
        int windows = Integer.parseInt(args[1]);
        DetectorDefinition baseline = shippedBaseline(series);
        AlertingConfig alerting = new AlertingConfigLoader(List.of("console")).loadDefault();
        long before = usedAfterGc();

        Detector detector = DetectorFactory.create(baseline);
        TumblingWindows<Observation> metricWindows = new TumblingWindows<>(Duration.ofMinutes(1), Duration.ofSeconds(10),
                Duration.ofMinutes(2), GaugeAggregate::new);
        AlertLifecycle lifecycle = new AlertLifecycle(new ConfirmationPolicy(2, 3, 3), alerting.lifecycle(),
                alerting.severity());
        List<Observation> sensors = sensors(series);
        Random noise = new Random(7);
        Instant wall = Instant.now();
        long scored = 0;
        long alerts = 0;
        // one extra minute closes the last measured window
        for (int minute = 0; minute <= windows; minute++) {
            for (int s = 0; s < series; s++) {
                Observation sensor = sensors.get(s);
                double level = sensor.value();
                Instant at = T0.plusSeconds(60L * minute + s % 60);
                List<FeatureVector> closed = metricWindows.add(sensor.source(), sensor.series(), sensor.tags(), at,
                        new Observation(sensor.source(), sensor.series(), sensor.tags(), at,
                                level + noise.nextGaussian() * level * 0.02), wall, minute).closed();
                for (FeatureVector window : closed) {
                    var score = detector.evaluate(window);
                    if (score.isPresent()) {
                        scored++;
                        if (lifecycle.onScore(score.get()).isPresent()) {
                            alerts++;
                        }
                    }
                }
            }
        }
        long used = usedAfterGc() - before;
        // keep everything measured reachable until the measurement is taken
        if (detector.states().size() != series || metricWindows.entities() != series) {
            throw new IllegalStateException("expected " + series + " series, have " + detector.states().size());
        }
        System.out.printf("heap-per-series %d %d %d %d (%d windows scored, %d alerts)%n", series, windows,
                used / series, used, scored, alerts);
        if (args.length > 2 && args[2].equals("histogram")) {
            printHistogram(20);
        }
        Reference.reachabilityFence(lifecycle); // what was measured stays reachable until here
        Reference.reachabilityFence(detector);
        Reference.reachabilityFence(metricWindows);
        Reference.reachabilityFence(sensors);
    }

    /**
     * The shipped {@code metric-baseline}, as the built-in detectors file defines it, keeping {@code series} series (its
     * {@code max-series}, 100,000 by default, is what an operator raises for a larger fleet).
     */
    private static DetectorDefinition shippedBaseline(int series) throws IOException {
        String yaml;
        try (InputStream in = DetectorConfigLoader.class.getResourceAsStream(DetectorConfigLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String detector = "\n  metric-baseline:\n";
        if (!yaml.contains(detector)) {
            throw new IllegalStateException("the built-in detectors file has no metric-baseline");
        }
        yaml = yaml.replace(detector, detector + "    baseline: {max-series: " + series + "}\n");
        return new DetectorConfigLoader().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "default-detectors.yaml").stream().filter(d -> d.name().equals("metric-baseline")).findFirst().orElseThrow();
    }

    /** The sensors: a temperature each, 100 per site, each at its own level between 20 and 80. */
    private static List<Observation> sensors(int count) {
        List<Observation> sensors = new ArrayList<>(count);
        Random levels = new Random(42);
        for (int s = 0; s < count; s++) {
            SortedMap<String, String> tags = new TreeMap<>(Map.of("site", "site-" + s / 100, "device", "dev-" + s));
            sensors.add(new Observation("mqtt", Observation.seriesName("temperature", tags), tags, T0,
                    20 + 60 * levels.nextDouble()));
        }
        return sensors;
    }

    /** The classes holding most of the heap now (the JVM's class histogram), to see where a series' bytes go. */
    private static void printHistogram(int classes) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] { new String[0] }, new String[] { String[].class.getName() });
            text.toString().lines().limit(classes + 3L).forEach(System.out::println);
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("no class histogram from this JVM", e);
        }
    }

    private static long usedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
