package dev.vigil.bench.e2e;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.vigil.demo.simulator.SteadyPublisher;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

import static dev.vigil.bench.e2e.Console.loadAverage;
import static dev.vigil.bench.e2e.Console.say;

/**
 * Fault scenarios against the packaged application ({@code bench/faults.sh}, bench/README.md "Faults"): Vigil as a
 * child process ({@link VigilProcess}), its broker as another ({@link Mosquitto}), the fault injected from outside,
 * and at the end what was published against what Vigil took in ({@code vigil_ingest_events_total}) and scored (the
 * score history's windows of {@code bench/faults-detectors.yaml}, which scores every window and keeps its reading
 * count). Each phase runs on a broker and a Vigil of its own, under {@code --work}; a new phase is a method of the
 * {@link Phase} shape, registered in {@link #phases()}.
 * <ul>
 * <li>{@code mqtt-broker-restart}: Vigil starts while its broker is down (it must come up, not ready), the broker
 * comes up, sensors publish at a steady rate (QoS 1, retrying while the broker is away) and the broker is restarted
 * (SIGTERM, its sessions persisted) {@code --restarts} times in the middle.</li>
 * <li>{@code crash-mid-window}: sensors publish at a steady rate; halfway, in the middle of a window, Vigil is killed
 * ({@code kill -9}: nothing saved, nothing closed), stays down {@code --outage} seconds while the broker keeps its
 * session's readings, and is started again on the same folder: the windows open at the kill must be scored with
 * every reading (the input journal), and the readings queued meanwhile must be taken in.</li>
 * </ul>
 */
public final class FaultScenarios {

    /** One scenario, run in its own folder; returns its figures. */
    @FunctionalInterface
    interface Phase {
        Outcome run(Path work) throws Exception;
    }

    /** What a phase counted (what happened on the way it says as it goes). */
    record Outcome(long published, long takenIn, long scored) {
    }

    private static final String DETECTOR = "faults-count";
    private static final String TOPICS = "vigil/sensors/faults/";
    /** Vigil's window in these phases. */
    private static final Duration WINDOW = Duration.ofSeconds(10);
    /** Two windows and a bit: the detector's warm-up (min-values 2). */
    private static final Duration WARM_UP = Duration.ofSeconds(25);
    /** How long a count may stand still before it is taken as final: more than the idle timeout below. */
    private static final Duration SETTLE = Duration.ofSeconds(45);

    private final Path app;
    private final Path work;
    private final Path detectors;
    private final double rate;
    private final int devices;
    private final Duration duration;
    private final int restarts;
    private final Duration outage;

    private FaultScenarios(Map<String, String> options) {
        this.app = Path.of(options.getOrDefault("app", "deploy/target/quarkus-app"));
        this.work = Path.of(options.getOrDefault("work", "bench/target/faults"));
        this.detectors = Path.of(options.getOrDefault("detectors", "bench/faults-detectors.yaml")).toAbsolutePath();
        this.rate = Double.parseDouble(options.getOrDefault("rate", "200"));
        this.devices = Integer.parseInt(options.getOrDefault("devices", "20"));
        this.duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "120")));
        this.restarts = Integer.parseInt(options.getOrDefault("restarts", "2"));
        this.outage = Duration.ofSeconds(Long.parseLong(options.getOrDefault("outage", "5")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Console.options(args, "FaultScenarios [--phases mqtt-broker-restart] [--rate 200] "
                + "[--devices 20] [--duration 120] [--restarts 2] [--outage 5] [--app DIR] [--work DIR]");
        FaultScenarios scenarios = new FaultScenarios(options);
        Map<String, Phase> phases = scenarios.phases();
        List<String> summary = new ArrayList<>();
        boolean allKept = true;
        for (String name : options.getOrDefault("phases", String.join(",", phases.keySet())).split(",")) {
            Phase phase = phases.get(name);
            if (phase == null) {
                throw new IllegalArgumentException("unknown phase '" + name + "', known: " + phases.keySet());
            }
            say("== " + name);
            Outcome outcome = phase.run(scenarios.work.resolve(name));
            // what the score history counted is the end-to-end truth; taken in is what the Prometheus counters saw (after a
            // kill -9, readings taken in between the last read of the dead process's counter and the kill are in none)
            boolean kept = outcome.scored() >= outcome.published();
            allKept &= kept;
            summary.add(String.format(Locale.ROOT, "RESULT %s: published %,d, taken in %,d, scored %,d%s", name,
                    outcome.published(), outcome.takenIn(), outcome.scored(), kept ? "" : "  <-- LOST"));
        }
        say("");
        summary.forEach(Console::say);
        say(Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage());
        System.exit(allKept ? 0 : 1);
    }

    private Map<String, Phase> phases() {
        Map<String, Phase> phases = new LinkedHashMap<>();
        phases.put("mqtt-broker-restart", this::mqttBrokerRestart);
        phases.put("crash-mid-window", this::crashMidWindow);
        return phases;
    }

    // ------------------------------------------------------------------------------------------- mqtt-broker-restart

    private Outcome mqttBrokerRestart(Path folder) throws Exception {
        String apiKey = UUID.randomUUID().toString();
        Mosquitto broker = Mosquitto.configured(folder.resolve("mosquitto"), 10_000_000, true);
        try (VigilProcess vigil = VigilProcess.start(app, folder.resolve("vigil"), List.of("-Xmx512m"),
                vigilConfig(broker.url(), apiKey)); broker) {
            Duration live = vigil.awaitAnswer("/q/health/live", Duration.ofMinutes(3));
            event("Vigil started with its broker down: live after %.1f s, /q/health/ready %d",
                    seconds(live), vigil.status("/q/health/ready"));
            broker.start();
            long brokerUp = System.nanoTime();
            vigil.awaitReady(Duration.ofMinutes(2));
            event("broker up: ready %.1f s later", (System.nanoTime() - brokerUp) / 1e9);

            // the detector scores a series from its third window: two windows of warm-up readings, ending on a window
            // boundary, after which every reading published counts
            WarmUp warmUp = warmUp(broker.url());
            Instant measured = warmUp.until();
            long warmUpTakenIn = settle(() -> takenIn(vigil), warmUp.published());
            event("warm-up: %,d readings before %s, %,d taken in", warmUp.published(), measured,
                    warmUpTakenIn);
            long published;
            try (SteadyPublisher sensors = SteadyPublisher.start(broker.url(), TOPICS, devices, rate)) {
                long start = System.nanoTime();
                for (int restart = 1; restart <= restarts; restart++) {
                    sleepUntil(start + duration.toNanos() * restart / (restarts + 1));
                    broker.stop();
                    long down = System.nanoTime();
                    Thread.sleep(outage.toMillis()); // the broker stays away this long
                    int readyWhileDown = vigil.status("/q/health/ready");
                    broker.start();
                    long up = System.nanoTime();
                    vigil.awaitReady(Duration.ofMinutes(2));
                    event("restart %d at %.0f s: broker down %.1f s (/q/health/ready %d meanwhile), Vigil "
                            + "ready again %.1f s after the broker was back", restart, (down - start) / 1e9,
                            (up - down) / 1e9, readyWhileDown, (System.nanoTime() - up) / 1e9);
                }
                sleepUntil(start + duration.toNanos());
                sensors.close();
                published = sensors.published();
                event("sensors: %,d readings published in %.0f s (%,d attempts failed while the broker was "
                        + "away)", published, (System.nanoTime() - start) / 1e9, sensors.failedAttempts());
            }
            long takenIn = settle(() -> takenIn(vigil) - warmUpTakenIn, published);
            long scored = settle(() -> scored(vigil, apiKey, measured), takenIn);
            event("late readings dropped by the windows: %,.0f",
                    vigil.metrics().sum("vigil_windows_late_events", Map.of()));
            return new Outcome(published, takenIn, scored);
        }
    }

    // ------------------------------------------------------------------------------------------- crash-mid-window

    private Outcome crashMidWindow(Path folder) throws Exception {
        String apiKey = UUID.randomUUID().toString();
        Path vigilFolder = folder.resolve("vigil");
        Map<String, String> config = vigilConfig(null, apiKey);
        try (Mosquitto broker = Mosquitto.configured(folder.resolve("mosquitto"), 10_000_000, true)) {
            broker.start();
            config.put("vigil.mqtt.broker-url", broker.url());
            VigilProcess first = VigilProcess.start(app, vigilFolder, List.of("-Xmx512m"), config);
            VigilProcess second = null;
            try {
                first.awaitReady(Duration.ofMinutes(3));
                WarmUp warmUp = warmUp(broker.url());
                long warmUpTakenIn = settle(() -> takenIn(first), warmUp.published());
                event("warm-up: %,d readings before %s, %,d taken in", warmUp.published(), warmUp.until(), warmUpTakenIn);
                long takenBeforeKill;
                long published;
                try (SteadyPublisher sensors = SteadyPublisher.start(broker.url(), TOPICS, devices, rate)) {
                    long start = System.nanoTime();
                    sleepUntil(start + duration.toNanos() / 2);
                    long windowMillis = WINDOW.toMillis();
                    long now = System.currentTimeMillis();
                    long middle = Math.floorDiv(now, windowMillis) * windowMillis + windowMillis / 2;
                    Thread.sleep(middle > now ? middle - now : middle + windowMillis - now); // to the middle of a window
                    takenBeforeKill = takenIn(first) - warmUpTakenIn;
                    first.kill();
                    long killed = System.nanoTime();
                    event("killed (kill -9) %.1f s into a %d s window, %,d readings taken in by then",
                            (System.currentTimeMillis() % windowMillis) / 1e3, WINDOW.toSeconds(), takenBeforeKill);
                    Thread.sleep(outage.toMillis()); // Vigil stays down this long; the broker keeps its readings
                    second = VigilProcess.start(app, vigilFolder, List.of("-Xmx512m"), config);
                    Duration ready = second.awaitReady(Duration.ofMinutes(3));
                    event("started again %.1f s after the kill, ready %.1f s after its start",
                            (System.nanoTime() - killed) / 1e9, seconds(ready));
                    sleepUntil(start + duration.toNanos());
                    sensors.close();
                    published = sensors.published();
                    event("sensors: %,d readings published in %.0f s", published, (System.nanoTime() - start) / 1e9);
                }
                VigilProcess restarted = second;
                long takenAfter = settle(() -> takenIn(restarted), published - takenBeforeKill);
                long scored = settle(() -> scored(restarted, apiKey, warmUp.until()), published);
                event("journal: %s", journalLine(restarted.log()));
                return new Outcome(published, takenBeforeKill + takenAfter, scored);
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    /** What the restarted Vigil said about the input journal it took again. */
    private static String journalLine(Path log) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Input journal:")).reduce((a, b) -> b)
                    .map(l -> l.substring(l.indexOf("Input journal:"))).orElse("no rows taken again");
        }
    }

    private Map<String, String> vigilConfig(String brokerUrl, String apiKey) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.profile", "edge");
        config.put("vigil.mqtt.broker-url", brokerUrl);
        config.put("vigil.mqtt.client-id", "vigil-faults");
        config.put("vigil.detection.config", detectors.toString());
        // short windows; readings held back by an outage still count in theirs (lateness), and an outage does not
        // close the quiet series' windows early (idle timeout longer than an outage and its reconnect)
        config.put("vigil.detection.window", WINDOW.toSeconds() + "s");
        config.put("vigil.detection.allowed-lateness", "60s");
        config.put("vigil.detection.idle-timeout", "20s");
        config.put("vigil.detection.idle-check-ms", "1000");
        config.put("vigil.detection.quiet.enabled", "false");
        config.put("vigil.history.flush-interval", "200ms");
        config.put("vigil.api.keys", "faults:" + apiKey);
        return config;
    }

    /**
     * Publishes from {@link #WARM_UP} before a window boundary up to it and returns the boundary: readings stamped
     * before it are in windows that end by it.
     */
    private WarmUp warmUp(String brokerUrl) throws Exception {
        long windowMillis = WINDOW.toMillis();
        long boundary = Math.floorDiv(Instant.now().plus(WARM_UP).toEpochMilli(), windowMillis) * windowMillis + windowMillis;
        long published;
        try (SteadyPublisher sensors = SteadyPublisher.start(brokerUrl, TOPICS, devices, rate)) {
            Thread.sleep(boundary - System.currentTimeMillis() - 50); // the last warm-up reading is made before it
            sensors.close();
            published = sensors.published();
        }
        Thread.sleep(Math.max(0, boundary - System.currentTimeMillis()));
        return new WarmUp(Instant.ofEpochMilli(boundary), published);
    }

    /** Readings published before a window boundary, to warm the detector up. */
    private record WarmUp(Instant until, long published) {
    }

    private static long takenIn(VigilProcess vigil) throws Exception {
        return (long) vigil.metrics().sum("vigil_ingest_events_total", Map.of("source", "mqtt"));
    }

    /** The readings counted in the score history's windows of the scenario's series that end after {@code from}. */
    private static long scored(VigilProcess vigil, String apiKey, Instant from) throws Exception {
        String export = vigil.get("/api/export/features?detector=" + DETECTOR, apiKey);
        long readings = 0;
        try (CsvReader csv = CsvReader.of(new StringReader(export))) {
            List<String> header = csv.next().cells();
            int source = header.indexOf("source");
            int windowEnd = header.indexOf("window_end");
            int count = header.indexOf("count");
            for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                if (row.size() > count && "mqtt".equals(row.cell(source))
                        && Instant.parse(row.cell(windowEnd)).isAfter(from)) {
                    readings += Math.round(Double.parseDouble(row.cell(count)));
                }
            }
        }
        return readings;
    }

    // ------------------------------------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface Count {
        long now() throws Exception;
    }

    /** Waits until the count reaches {@code target} or has not moved for {@link #SETTLE}; returns it. */
    private static long settle(Count count, long target) throws Exception {
        long last = count.now();
        long since = System.nanoTime();
        while (last < target && System.nanoTime() - since < SETTLE.toNanos()) {
            Thread.sleep(500); // sampling another process's progress
            long now = count.now();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1e3;
    }

    private static void event(String format, Object... args) {
        say("  " + String.format(Locale.ROOT, format, args));
    }
}
