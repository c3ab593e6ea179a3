package dev.vigil.demo.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The demo's data, with anomalies at fixed offsets from the start so a first-time user sees alerts within a minute:
 * <ul>
 * <li>sensors: three series around their normal level; {@code plant-1/boiler-2} runs 9 °C hot from 28 s to 40 s;</li>
 * <li>logs: two services with about 2 % errors; {@code checkout} errors on 60 % of lines from 34 s to 46 s;</li>
 * <li>files: 48 hourly {@code orders} rows per file; in the first file only, orders collapse for three hours near its
 * end and recover, so the demo shows one incident that fires and resolves, and later files are business as usual;</li>
 * <li>users: three office workers reading and editing; from 50 s to 80 s one address tries leaked accounts, about
 * eight failed logins a second (credential stuffing: the shipped {@code ip-abuse} rule fires at once).</li>
 * </ul>
 * Seeded, so two runs show the same thing.
 */
public final class DemoScenario {

    /** One MQTT message. */
    public record SensorMessage(String topic, String payload) {
    }

    /** One Kafka record. */
    public record LogRecord(String key, String value) {
    }

    /** After the demo's 12-window warm-up of 2 s windows, with a margin. */
    static final Duration SPIKE_FROM = Duration.ofSeconds(28);
    static final Duration SPIKE_TO = Duration.ofSeconds(40);
    static final Duration ERROR_BURST_FROM = Duration.ofSeconds(34);
    static final Duration ERROR_BURST_TO = Duration.ofSeconds(46);
    static final int HOURS_PER_FILE = 48;
    static final Duration STUFFING_FROM = Duration.ofSeconds(50);
    static final Duration STUFFING_TO = Duration.ofSeconds(80);
    static final String STUFFING_IP = "203.0.113.77";
    private static final List<String> OFFICE = List.of("alice", "bob", "chen");

    /** One generator per stream: the streams tick on different threads, and each stays reproducible on its own. */
    private final Random sensorNoise = new Random(1);
    private final Random logNoise = new Random(2);
    private final Random orderNoise = new Random(3);
    private final Random userNoise = new Random(4);
    private int leaked;
    private final Instant start;
    private Instant nextFileHour;
    private int files;

    public DemoScenario(Instant start) {
        this.start = start;
        this.nextFileHour = start.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS_PER_FILE));
    }

    public synchronized List<SensorMessage> sensorReadings(Instant now) {
        Duration elapsed = Duration.between(start, now);
        boolean spike = within(elapsed, SPIKE_FROM, SPIKE_TO);
        double boiler1 = 71.5 + sensorNoise.nextGaussian() * 0.4;
        double boiler2 = 68.0 + sensorNoise.nextGaussian() * 0.4 + (spike ? 9 : 0);
        double press = 4.2 + sensorNoise.nextGaussian() * 0.05;
        return List.of(
                new SensorMessage("vigil/sensors/plant-1/boiler-1", String.format(Locale.ROOT,
                        "{\"metric\":\"temperature\",\"value\":%.2f,\"ts\":\"%s\",\"tags\":{\"unit\":\"celsius\"}}", boiler1, now)),
                new SensorMessage("vigil/sensors/plant-1/boiler-2/temperature", String.format(Locale.ROOT, "%.2f", boiler2)),
                new SensorMessage("vigil/sensors/plant-2/press-1", String.format(Locale.ROOT,
                        "{\"metric\":\"pressure\",\"value\":%.3f,\"ts\":\"%s\"}", press, now)));
    }

    /** A few lines per service per tick, half as JSON events and half as text lines. */
    public synchronized List<LogRecord> logLines(Instant now, int linesPerService) {
        Duration elapsed = Duration.between(start, now);
        List<LogRecord> records = new ArrayList<>();
        for (String service : List.of("checkout", "payments")) {
            boolean burst = service.equals("checkout") && within(elapsed, ERROR_BURST_FROM, ERROR_BURST_TO);
            for (int i = 0; i < linesPerService; i++) {
                boolean error = logNoise.nextDouble() < (burst ? 0.6 : 0.02);
                String level = error ? "ERROR" : logNoise.nextDouble() < 0.05 ? "WARN" : "INFO";
                String message = error ? "payment gateway timeout after 3000 ms order=" + logNoise.nextInt(100000)
                        : "request served in " + (20 + logNoise.nextInt(80)) + " ms";
                records.add(i % 2 == 0
                        ? new LogRecord(service, String.format("{\"timestamp\":\"%s\",\"service\":\"%s\",\"level\":\"%s\","
                                + "\"message\":\"%s\",\"traceId\":\"%08x\"}", now, service, level, message, logNoise.nextInt()))
                        : new LogRecord(service, now + " " + level + " " + service + " " + message));
            }
        }
        return records;
    }

    /**
     * User and authentication events of one tick (half a second): now and then an office worker reads or edits
     * something, from the office; during the stuffing, four failed logins on leaked accounts from one address.
     */
    public synchronized List<LogRecord> userEvents(Instant now) {
        Duration elapsed = Duration.between(start, now);
        List<LogRecord> records = new ArrayList<>();
        for (String user : OFFICE) {
            if (userNoise.nextDouble() < 0.3) {
                boolean edit = userNoise.nextDouble() < 0.2;
                records.add(userEvent(user, now, edit ? "update" : "read", true, "192.0.2." + (10 + OFFICE.indexOf(user)),
                        "DE", edit ? "PUT /api/orders" : "GET /api/orders"));
            }
        }
        if (within(elapsed, STUFFING_FROM, STUFFING_TO)) {
            for (int i = 0; i < 4; i++) {
                String target = String.format(Locale.ROOT, "leaked-%03d@example.org", leaked++ % 500);
                records.add(userEvent(target, now, "login", false, STUFFING_IP, "CN", "POST /login"));
            }
        }
        return records;
    }

    private static LogRecord userEvent(String user, Instant at, String action, boolean ok, String ip, String country,
            String endpoint) {
        return new LogRecord(user, String.format(Locale.ROOT, "{\"user\":\"%s\",\"timestamp\":\"%s\",\"action\":\"%s\","
                + "\"outcome\":\"%s\",\"ip\":\"%s\",\"country\":\"%s\",\"endpoint\":\"%s\",\"user_agent\":\"demo/1.0\"}",
                user, at, action, ok ? "success" : "failure", ip, country, endpoint));
    }

    /**
     * The next file of hourly orders, continuing where the last one ended; the first has a collapse of orders near its
     * end (one incident: a collapse in every file would raise a new alert every minute the demo runs).
     */
    public synchronized String ordersFile() {
        StringBuilder csv = new StringBuilder("timestamp,metric,value\n");
        for (int hour = 0; hour < HOURS_PER_FILE; hour++) {
            boolean collapse = files == 0 && hour >= HOURS_PER_FILE - 8 && hour < HOURS_PER_FILE - 5;
            double orders = collapse ? 18 + orderNoise.nextInt(6) : 120 + orderNoise.nextGaussian() * 6;
            csv.append(String.format(Locale.ROOT, "%s,orders,%.0f,region=eu,channel=web%n", nextFileHour, orders));
            nextFileHour = nextFileHour.plus(Duration.ofHours(1));
        }
        files++;
        return csv.toString();
    }

    public synchronized int filesWritten() {
        return files;
    }

    /** One bad payload per source, shown once, so the dead letters have something to show. */
    public static SensorMessage malformedSensorReading() {
        return new SensorMessage("vigil/sensors/plant-1/boiler-1", "{\"metric\":\"temperature\",\"value\":\"hot\"}");
    }

    public static LogRecord malformedLogRecord() {
        return new LogRecord("checkout", "{\"service\":\"checkout\",\"level\":\"ERROR\",\"message\":");
    }

    public static LogRecord malformedUserEvent() {
        return new LogRecord("mallory", "{\"user\":\"mallory\",\"timestamp\":\"now\",\"action\":\"login\"}");
    }

    public static String malformedOrdersRow() {
        return "yesterday-ish,orders,lots,region=eu\n";
    }

    private static boolean within(Duration elapsed, Duration from, Duration to) {
        return elapsed.compareTo(from) >= 0 && elapsed.compareTo(to) < 0;
    }
}
