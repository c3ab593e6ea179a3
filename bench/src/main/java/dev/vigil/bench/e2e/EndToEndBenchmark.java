package dev.vigil.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.vigil.demo.broker.EmbeddedKafkaBroker;
import dev.vigil.demo.broker.EmbeddedMqttBroker;

import static dev.vigil.bench.e2e.Console.loadAverage;
import static dev.vigil.bench.e2e.Console.say;

/**
 * Vigil end to end, against the raw ceiling of its brokers in the same run (README "Benchmarks", bench/README
 * "End to end"). The packaged application runs as a child process, as in production; the brokers, the producers and
 * the raw consumers run here. Phases, each printing its figures as it goes:
 * <ul>
 * <li>{@code kafka}: a topic filled with log events is read by a plain Kafka consumer (before and after Vigil) and by
 * Vigil (Kafka in, log templates and windows, the statistical log detectors, score history, alert lifecycle, outbox
 * with the console receiver); events/s over the same stretch, and the ratio;</li>
 * <li>{@code latency}: Vigil with one-second windows fed events stamped as they are sent, at half the rate the
 * {@code kafka} phase measured and at a trickle (200 events/s, also without {@code vigil.kafka.batch-interval-ms}); the
 * delay from publish to score ({@code vigil_detection_delay_seconds});</li>
 * <li>{@code mqtt}: a backlog of readings queued by the broker for a persistent QoS 1 session, drained by a plain
 * Paho MQTT 5 subscriber and by Vigil;</li>
 * <li>{@code edge}: the edge profile (MQTT and files only) with the JVM options of the edge systemd unit: time to
 * ready on an empty database (writing the class archive) and on a restart (using it), resident memory at idle and
 * under 1,000 readings/s;</li>
 * <li>{@code heap}: heap per active metric series at 10 k, 100 k and 1 M series ({@link HeapPerSeries} in child JVMs)
 * and the largest count that fits a 1 GB heap.</li>
 * </ul>
 * With {@code --baseline-app DIR} (another build's quarkus-app) the kafka and mqtt phases run that build too, in the
 * same run, for before/after figures; {@code --repeats N} runs Vigil (and the baseline, in turn) N times there.
 */
public final class EndToEndBenchmark {

    private static final String LOG_TOPIC = "bench.logs";
    private static final String LIVE_TOPIC = "bench.live";
    private static final int SERVICES = 50;
    private static final int SENSORS = 1000;
    /** Events/s of the trickle whose latency is measured besides half load: a quiet service's logs. */
    private static final double LOW_RATE = 200;
    /** The JVM options of the edge systemd unit (deploy/src/main/deploy/systemd/vigil.service). */
    private static final String EDGE_JVM = "-Xms48m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k "
            + "-XX:ReservedCodeCacheSize=64m";

    private final Path app;
    private final Path baselineApp;
    private final Path work;
    private final long kafkaEvents;
    private final long mqttEvents;
    private final Path jfr;
    private final List<String> edgeJvm;
    private final boolean edgeCds;
    private final List<Long> heapSeries;
    private final int repeats;
    private final List<String> figures = new ArrayList<>();
    private int latencyRuns;

    private EndToEndBenchmark(Map<String, String> options) {
        this.app = Path.of(options.getOrDefault("app", "deploy/target/quarkus-app"));
        this.baselineApp = options.containsKey("baseline-app") ? Path.of(options.get("baseline-app")) : null;
        this.work = Path.of(options.getOrDefault("work", "bench/target/e2e"));
        this.kafkaEvents = Long.parseLong(options.getOrDefault("kafka-events", "1000000"));
        this.mqttEvents = Long.parseLong(options.getOrDefault("mqtt-events", "200000"));
        this.jfr = options.containsKey("jfr") ? Path.of(options.get("jfr")) : null;
        this.edgeJvm = List.of(options.getOrDefault("edge-jvm", EDGE_JVM).split(" "));
        this.edgeCds = Boolean.parseBoolean(options.getOrDefault("edge-cds", "true"));
        this.repeats = Integer.parseInt(options.getOrDefault("repeats", "1"));
        this.heapSeries = Stream.of(options.getOrDefault("heap-series", "10000,100000,1000000").split(","))
                .map(Long::parseLong).toList();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Console.options(args, "EndToEndBenchmark [--phases kafka,latency,mqtt,edge,heap] "
                + "[--kafka-events N] [--mqtt-events N] [--app DIR] [--baseline-app DIR] [--jfr FILE] [--work DIR] "
                + "[--edge-jvm 'OPTIONS'] [--edge-cds false] [--heap-series 10000,100000,1000000] [--repeats N]");
        Set<String> phases = Set.of(options.getOrDefault("phases", "kafka,latency,mqtt,edge,heap").split(","));
        EndToEndBenchmark bench = new EndToEndBenchmark(options);
        bench.header(args);
        bench.clean();
        double vigilKafkaRate = Double.NaN;
        if (phases.contains("kafka") || phases.contains("latency")) {
            vigilKafkaRate = bench.kafka(phases);
        }
        if (phases.contains("mqtt") || phases.contains("edge")) {
            bench.mqtt(phases);
        }
        if (phases.contains("heap")) {
            bench.heap();
        }
        bench.summary(vigilKafkaRate);
    }

    private void header(String[] args) throws IOException {
        say("Vigil end-to-end benchmark, " + Instant.now());
        say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage()
                + ", JDK " + System.getProperty("java.version"));
        say("command: " + System.getProperty("vigil.bench.command", "EndToEndBenchmark " + String.join(" ", args)));
        say("app: " + app.toAbsolutePath().normalize() + (baselineApp == null ? "" : ", baseline app: " + baselineApp));
    }

    private void clean() throws IOException {
        if (Files.exists(work)) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
    }

    // ------------------------------------------------------------------------------------------------ Kafka

    private double kafka(Set<String> phases) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Ports.free(), Ports.free(), work.resolve("kafka"))) {
            KafkaBench kafka = new KafkaBench(broker.bootstrapServers());
            broker.createTopic(LOG_TOPIC, 1);
            long filling = System.nanoTime();
            kafka.fill(LOG_TOPIC, kafkaEvents, new LogLines(SERVICES), Duration.ofMillis(1));
            say(String.format(Locale.ROOT, "kafka: %,d log events of %d services in %s (1 partition), filled in %.1f s",
                    kafkaEvents, SERVICES, LOG_TOPIC, (System.nanoTime() - filling) / 1e9));
            kafka.rawRate(LOG_TOPIC, kafkaEvents, "raw-warm-up"); // this JVM's consumer code compiled, as Vigil's is
            double raw1 = kafka.rawRate(LOG_TOPIC, kafkaEvents, "raw-1");
            say(String.format(Locale.ROOT, "kafka: raw consumer (before): %,.0f events/s", raw1));
            List<Double> vigilRuns = new ArrayList<>();
            List<Double> beforeRuns = new ArrayList<>();
            for (int run = 0; run < repeats; run++) { // this build and the baseline in turn, so drift hits both alike
                vigilRuns.add(vigilKafka(kafka, broker, app, "vigil-bench-" + run, run == 0 ? jfr : null));
                if (baselineApp != null) {
                    beforeRuns.add(vigilKafka(kafka, broker, baselineApp, "vigil-baseline-" + run, null));
                }
            }
            double vigil = mean(vigilRuns);
            Double before = baselineApp == null ? null : mean(beforeRuns);
            double raw2 = kafka.rawRate(LOG_TOPIC, kafkaEvents, "raw-2");
            say(String.format(Locale.ROOT, "kafka: raw consumer (after): %,.0f events/s", raw2));
            double raw = (raw1 + raw2) / 2;
            figure(String.format(Locale.ROOT, "Kafka full pipeline: Vigil %,.0f events/s%s, raw consumer %,.0f events/s "
                    + "(%,.0f before, %,.0f after): Vigil / raw = %.1f %%", vigil, runs(vigilRuns), raw, raw1, raw2,
                    100 * vigil / raw));
            if (before != null) {
                figure(String.format(Locale.ROOT, "Kafka full pipeline, baseline build: %,.0f events/s%s (%.1f %% of raw); "
                        + "this build / baseline = %.2f", before, runs(beforeRuns), 100 * before / raw, vigil / before));
            }
            if (phases.contains("latency")) {
                latency(kafka, broker, vigil / 2, "half of Vigil's rate", Map.of());
                latency(kafka, broker, LOW_RATE, "a trickle", Map.of());
                // a partial batch waited for a full one or an empty poll before vigil.kafka.batch-interval-ms
                latency(kafka, broker, LOW_RATE, "a trickle, without the batch interval",
                        Map.of("vigil.kafka.batch-interval-ms", "3600000"));
            }
            return vigil;
        }
    }

    private double vigilKafka(KafkaBench kafka, EmbeddedKafkaBroker broker, Path build, String group, Path recording)
            throws Exception {
        Map<String, String> config = kafkaConfig(broker, LOG_TOPIC, group);
        try (VigilProcess vigil = VigilProcess.start(build, work.resolve(group), throughputJvm(recording), config)) {
            Duration ready = vigil.awaitReady(Duration.ofMinutes(3));
            double rate = kafka.committedRate(LOG_TOPIC, group, kafkaEvents, Duration.ofMinutes(20));
            Prometheus metrics = vigil.metrics();
            say(String.format(Locale.ROOT, "kafka: Vigil %s (ready in %.1f s): %,.0f events/s; %,.0f scores, %,.0f late, "
                    + "%,.0f history rows dropped, RSS %,d MB", build, ready.toMillis() / 1e3, rate,
                    metrics.sum("vigil_scores_total", Map.of()), metrics.sum("vigil_windows_late_log_events", Map.of()),
                    metrics.sum("vigil_history_dropped_total", Map.of()), vigil.residentBytes() >> 20));
            return rate;
        }
    }

    /** The launcher's heap (./vigil run), and a flight recording with deep stacks when asked for. */
    private static List<String> throughputJvm(Path recording) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
        if (recording != null) {
            Files.createDirectories(recording.toAbsolutePath().getParent());
            jvm.add("-XX:FlightRecorderOptions:stackdepth=1024");
            jvm.add("-XX:StartFlightRecording=filename=" + recording.toAbsolutePath() + ",settings=profile");
        }
        return jvm;
    }

    private static Map<String, String> kafkaConfig(EmbeddedKafkaBroker broker, String topic, String group) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("vigil.kafka.brokers", broker.bootstrapServers());
        config.put("vigil.kafka.topic", topic);
        config.put("vigil.kafka.group-id", group);
        config.put("vigil.mqtt.enabled", "false");
        config.put("vigil.users.enabled", "false");
        config.put("vigil.detection.quiet.enabled", "false"); // see mqttConfig
        return config;
    }

    /**
     * Publish to score at a given rate (half of Vigil's sustainable rate, and a trickle), with one-second windows so
     * that many windows close. Each run has a topic of its own.
     */
    private void latency(KafkaBench kafka, EmbeddedKafkaBroker broker, double rate, String label,
            Map<String, String> settings) throws Exception {
        String topic = LIVE_TOPIC + "." + latencyRuns++;
        broker.createTopic(topic, 1);
        Map<String, String> config = kafkaConfig(broker, topic, "vigil-live");
        config.put("vigil.detection.window", "1s");
        config.put("vigil.detection.allowed-lateness", "0s");
        config.putAll(settings);
        try (VigilProcess vigil = VigilProcess.start(app, work.resolve(topic), List.of("-Xmx512m"), config)) {
            vigil.awaitReady(Duration.ofMinutes(3));
            LogLines lines = new LogLines(SERVICES);
            kafka.paced(topic, lines, rate, Duration.ofSeconds(20)); // warm-up, not counted
            TreeMap<Double, Double> before = vigil.metrics().buckets("vigil_detection_delay_seconds");
            long sent = kafka.paced(topic, lines, rate, Duration.ofSeconds(40));
            Thread.sleep(2000); // the last windows close with the events after them: let Vigil reach them
            Histogram delay = new Histogram(before, vigil.metrics().buckets("vigil_detection_delay_seconds"));
            figure(String.format(Locale.ROOT, "Latency publish -> score at %,.0f events/s (%s), 1 s windows, %,d events "
                    + "in 40 s, %,.0f windows closed by an event: p50 <= %.1f ms, p99 <= %.1f ms, max <= %.1f ms (bucket "
                    + "bounds)", rate, label, sent, delay.count(), 1e3 * delay.quantileBound(0.5),
                    1e3 * delay.quantileBound(0.99), 1e3 * delay.maxBound()));
        }
    }

    // ------------------------------------------------------------------------------------------------ MQTT

    /** A broker for the MQTT phases: Mosquitto where installed, else the embedded HiveMQ CE (then it sets the pace). */
    private record Broker(String name, String url, AutoCloseable running) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            running.close();
        }
    }

    private Broker mqttBroker() throws Exception {
        long queue = mqttEvents + 1000;
        var mosquitto = Mosquitto.startIfInstalled(work.resolve("mosquitto"), queue);
        if (mosquitto.isPresent()) {
            return new Broker("Mosquitto", mosquitto.get().url(), mosquitto.get());
        }
        say("mqtt: mosquitto is not installed (apt-get install mosquitto): the embedded HiveMQ CE is used, and its QoS 1 "
                + "rate, not the subscribers', will set the figures");
        EmbeddedMqttBroker hivemq = EmbeddedMqttBroker.start(Ports.free(), work.resolve("mqtt"), queue);
        return new Broker("HiveMQ CE", hivemq.url(), hivemq);
    }

    private void mqtt(Set<String> phases) throws Exception {
        try (Broker broker = mqttBroker()) {
            MqttBench mqtt = new MqttBench(broker.url());
            if (phases.contains("mqtt")) {
                double raw1 = rawMqtt(mqtt, "raw-1");
                List<Double> vigilRuns = new ArrayList<>();
                List<Double> beforeRuns = new ArrayList<>();
                for (int run = 0; run < repeats; run++) {
                    vigilRuns.add(vigilMqtt(mqtt, broker, app, "vigil-bench-" + run, run == 0 ? jfr : null));
                    if (baselineApp != null) {
                        beforeRuns.add(vigilMqtt(mqtt, broker, baselineApp, "vigil-baseline-" + run, null));
                    }
                }
                double vigil = mean(vigilRuns);
                Double before = baselineApp == null ? null : mean(beforeRuns);
                double raw2 = rawMqtt(mqtt, "raw-2");
                double raw = (raw1 + raw2) / 2;
                figure(String.format(Locale.ROOT, "MQTT ingest (%s, QoS 1 backlog of %,d): Vigil %,.0f readings/s%s, "
                        + "plain Paho subscriber %,.0f/s (%,.0f before, %,.0f after): Vigil / raw = %.1f %%", broker.name(),
                        mqttEvents, vigil, runs(vigilRuns), raw, raw1, raw2, 100 * vigil / raw));
                if (before != null) {
                    figure(String.format(Locale.ROOT, "MQTT ingest, baseline build: %,.0f readings/s%s (%.1f %% of raw); "
                            + "this build / baseline = %.2f", before, runs(beforeRuns), 100 * before / raw, vigil / before));
                }
            }
            if (phases.contains("edge")) {
                edge(mqtt, broker);
            }
        }
    }

    private double rawMqtt(MqttBench mqtt, String clientId) throws Exception {
        mqtt.session(clientId);
        mqtt.publishBacklog(mqttEvents, SENSORS, Duration.ofMillis(10));
        double rate = mqtt.rawRate(clientId, mqttEvents);
        say(String.format(Locale.ROOT, "mqtt: plain Paho subscriber %s: %,.0f readings/s", clientId, rate));
        return rate;
    }

    private double vigilMqtt(MqttBench mqtt, Broker broker, Path build, String clientId, Path jfrBase) throws Exception {
        mqtt.session(clientId);
        mqtt.publishBacklog(mqttEvents, SENSORS, Duration.ofMillis(10));
        Path recording = jfrBase == null ? null
                : jfrBase.resolveSibling(jfrBase.getFileName().toString().replace(".jfr", "") + "-mqtt.jfr");
        try (VigilProcess vigil = VigilProcess.start(build, work.resolve(clientId), throughputJvm(recording),
                mqttConfig(broker, clientId))) {
            Duration ready = vigil.awaitReady(Duration.ofMinutes(3));
            // to 99 %: in a build before ListenFirstMqtt5Component (a baseline) Camel's Paho consumer connects before it
            // sets its callback, so the first readings of a backlog are acknowledged and dropped (bench/README)
            Stretch stretch = new Stretch(mqttEvents / 5, mqttEvents * 99 / 100);
            long until = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (!stretch.done() && System.nanoTime() < until) {
                stretch.progress(System.nanoTime(),
                        (long) vigil.metrics().sum("vigil_ingest_events_total", Map.of("source", "mqtt")));
                Thread.sleep(100); // sampling another process's progress
            }
            double rate = stretch.perSecond();
            Thread.sleep(2000); // the rest of the backlog, if it comes
            Prometheus metrics = vigil.metrics();
            say(String.format(Locale.ROOT, "mqtt: Vigil %s (ready in %.1f s): %,.0f readings/s, %,.0f of %,d readings "
                    + "taken in, %,.0f scores, RSS %,d MB", build, ready.toMillis() / 1e3, rate,
                    metrics.sum("vigil_ingest_events_total", Map.of("source", "mqtt")), mqttEvents,
                    metrics.sum("vigil_scores_total", Map.of()), vigil.residentBytes() >> 20));
            return rate;
        }
    }

    private static Map<String, String> mqttConfig(Broker broker, String clientId) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.profile", "edge");
        config.put("vigil.mqtt.broker-url", broker.url());
        config.put("vigil.mqtt.client-id", clientId);
        // a backlog is history stamped up to hours before the wall clock: the quiet-series watch (wall clock) would report
        // every sensor silent while it is replayed
        config.put("vigil.detection.quiet.enabled", "false");
        return config;
    }

    /** The edge profile as the systemd unit runs it: start-up, idle and loaded resident memory. */
    private void edge(MqttBench mqtt, Broker broker) throws Exception {
        List<Double> starts = new ArrayList<>();
        long idle = 0;
        long loaded = 0;
        long sent = 0;
        Path archive = work.resolve("edge/vigil.jsa").toAbsolutePath();
        for (int run = 0; run < 2; run++) { // first start on an empty database, then a restart
            List<String> jvm = new ArrayList<>(edgeJvm);
            if (edgeCds) { // the first run writes the class archive, the restart uses it, as the unit's comment says
                jvm.add(run == 0 ? "-XX:ArchiveClassesAtExit=" + archive : "-XX:SharedArchiveFile=" + archive);
            }
            Map<String, String> config = mqttConfig(broker, "vigil-edge");
            config.remove("vigil.detection.quiet.enabled"); // live readings: the edge runs as shipped
            try (VigilProcess vigil = VigilProcess.start(app, work.resolve("edge"), jvm, config)) {
                starts.add(vigil.awaitReady(Duration.ofMinutes(3)).toMillis() / 1e3);
                if (run == 1) {
                    Thread.sleep(15_000); // idle: nothing published
                    idle = vigil.residentBytes();
                    long[] peak = { 0 };
                    Thread sampler = new Thread(() -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            try {
                                peak[0] = Math.max(peak[0], vigil.residentBytes());
                                Thread.sleep(500);
                            } catch (IOException | InterruptedException e) {
                                return;
                            }
                        }
                    });
                    sampler.start();
                    sent = mqtt.paced(SENSORS, 1000, Duration.ofSeconds(60));
                    sampler.interrupt();
                    sampler.join();
                    loaded = Math.max(peak[0], vigil.residentBytes());
                }
            }
        }
        figure(String.format(Locale.ROOT, "Edge profile (%s%s, MQTT and files): ready in %.1f s (empty database), "
                + "%.1f s (restart); RSS idle %,d MB, under 1,000 readings/s (%,d sent in 60 s) %,d MB at most",
                String.join(" ", edgeJvm), edgeCds ? ", class archive from the first run" : "", starts.get(0),
                starts.get(1), idle >> 20, sent, loaded >> 20));
    }

    // ------------------------------------------------------------------------------------------------ heap

    private void heap() throws Exception {
        double perSeriesAtLargest = Double.NaN;
        for (long count : heapSeries) {
            // the parallel collector only to measure faster (several GB live); the 1 GB runs below use the default
            long[] measured = heapChild(count, 12, "-Xmx8g", "-XX:+UseParallelGC");
            say(String.format(Locale.ROOT, "heap: %,d series: %,d bytes per series", count, measured[0]));
            perSeriesAtLargest = measured[0];
            figure(String.format(Locale.ROOT, "Heap per active series (metric-baseline, windows, lifecycle), %,d series: "
                    + "%,d bytes (%,d MB)", count, measured[0], measured[1] >> 20));
        }
        long[] longer = heapChild(10_000, 120, "-Xmx8g", "-XX:+UseParallelGC");
        say(String.format(Locale.ROOT, "heap: 10,000 series after 120 windows each: %,d bytes per series (12 windows: "
                + "the sizes above)", longer[0]));
        long estimate = (long) (0.9 * (1L << 30) / perSeriesAtLargest) / 10_000 * 10_000;
        long fits = heapFits(estimate);
        figure(String.format(Locale.ROOT, "Largest series count in a 1 GB heap (-Xmx1g): %,d series ran%s", fits,
                fits == 1_000_000 ? " (the target, 1 M)" : ""));
    }

    /** The largest of the estimate, 1 M and 10 % steps below the estimate that runs in -Xmx1g. */
    private long heapFits(long estimate) throws Exception {
        if (estimate >= 1_000_000 && runsIn1g(1_000_000)) {
            return 1_000_000;
        }
        for (long count = Math.min(estimate, 1_000_000); count > 0; count = count * 9 / 10 / 10_000 * 10_000) {
            if (runsIn1g(count)) {
                return count;
            }
        }
        return 0;
    }

    private boolean runsIn1g(long count) throws Exception {
        try {
            heapChild(count, 12, "-Xmx1g", "-XX:+UseG1GC");
            say(String.format(Locale.ROOT, "heap: %,d series run in -Xmx1g", count));
            return true;
        } catch (IllegalStateException e) {
            say(String.format(Locale.ROOT, "heap: %,d series do not run in -Xmx1g (%s)", count, e.getMessage()));
            return false;
        }
    }

    /** Runs {@link HeapPerSeries} in a JVM of its own; returns bytes per series and bytes used. */
    private long[] heapChild(long series, int windows, String xmx, String gc) throws Exception {
        Path out = work.resolve("heap-" + series + "-" + windows + xmx + ".txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), xmx, gc,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                HeapPerSeries.class.getName(), Long.toString(series), Integer.toString(windows))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        int exit = process.waitFor();
        String text = Files.readString(out);
        if (exit != 0 || !text.contains("heap-per-series")) {
            throw new IllegalStateException("exit " + exit + ": " + text.strip().lines().reduce((a, b) -> b).orElse(""));
        }
        String[] parts = text.lines().filter(l -> l.startsWith("heap-per-series")).findFirst().orElseThrow().split(" ");
        return new long[] { Long.parseLong(parts[3]), Long.parseLong(parts[4]) };
    }

    // ------------------------------------------------------------------------------------------------ output

    private static double mean(List<Double> rates) {
        return rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The single runs behind a mean, when there are several. */
    private static String runs(List<Double> rates) {
        return rates.size() < 2 ? "" : rates.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r))
                .collect(java.util.stream.Collectors.joining(", ", " (mean of ", ")"));
    }

    private void figure(String line) {
        figures.add(line);
        say("FIGURE " + line);
    }

    private void summary(double vigilKafkaRate) throws IOException {
        say("");
        say("== figures (" + Runtime.getRuntime().availableProcessors() + " cores, load average at the end "
                + loadAverage() + ")");
        figures.forEach(f -> say("- " + f));
        if (!Double.isNaN(vigilKafkaRate)) {
            say("(latency load = half of the Kafka rate measured above: " + Math.round(vigilKafkaRate / 2) + " events/s)");
        }
    }
}
