package dev.vigil.bench.logs;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MinedLine;
import dev.vigil.features.logs.ServiceTemplates;
import dev.vigil.features.logs.SessionTracker;
import dev.vigil.features.logs.TemplateOverrides;

/**
 * {@code LivePathThroughput [SECONDS]}: lines per second of CPU of the live template path, what {@code LogStream} does
 * per line before windows: the line split by its layout, the service's {@link ServiceTemplates} (templates, births,
 * example lines) with the generic default, and for HDFS its {@link SessionTracker}. Two workloads of made-up lines (no
 * loghub data): HDFS-layout lines with sessions ({@code LogParsingBenchmark.liveService}'s), and application lines of
 * eight shapes with numbers, paths and addresses (the end-to-end benchmark's). Measured in CPU time of the measuring
 * thread, not wall time, so other work on a shared machine does not count; the median of rounds is printed.
 * <p>
 * It uses only what the miner has offered since before issue 17, so {@code bench/log-throughput.sh} compiles this one
 * source against an older build too and runs both in turns: a before/after from one run.
 */
public final class LivePathThroughput {

    private static final Pattern HDFS = Pattern.compile(
            "^(?<date>.*?)\\s+(?<time>.*?)\\s+(?<pid>.*?)\\s+(?<level>.*?)\\s+(?<component>.*?):\\s+(?<message>.*?)$");
    private static final Pattern VIGIL = Pattern.compile(
            "^(?<ts>\\S+)\\s+(?<level>[A-Za-z]+)\\s+(?<service>[A-Za-z0-9_.:\\-]+)\\s+(?<message>.*)$");
    private static final List<String> HDFS_LINES = List.of(
            "260105 101112 77 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_-4242 terminating",
            "260105 101113 78 INFO dfs.DataNode$DataXceiver: Receiving block blk_9001 src: /10.0.0.7:4411 dest: /10.0.0.7:50010",
            "260105 101114 79 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.0.0.9:50010 is added to blk_77 size 67108864",
            "260105 101115 80 WARN dfs.DataNode$DataXceiver: 10.0.0.3:50010:Got exception while serving blk_12 to /10.0.0.4:",
            "260105 101116 81 INFO dfs.DataNode$PacketResponder: Received block blk_-31 of size 67108864 from /10.0.0.5",
            "260105 101117 82 INFO dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /user/root/job_9/part-00003. blk_-8");
    private static final int ROUNDS = 9;
    private static final int BATCH = 1_000;

    private LivePathThroughput() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Instant at = Instant.parse("2026-01-05T10:11:12Z");
        List<String> app = applicationLines();
        // warm-up, so the rounds below run compiled code
        measure(cpu, seconds, new Hdfs(at));
        measure(cpu, seconds, new Application(app, at));
        List<Double> hdfs = new ArrayList<>();
        List<Double> application = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            hdfs.add(measure(cpu, seconds / ROUNDS * 2, new Hdfs(at)));
            application.add(measure(cpu, seconds / ROUNDS * 2, new Application(app, at)));
        }
        System.out.printf(Locale.ROOT, "live template path, lines per CPU second (median of %d rounds): hdfs %,.0f"
                + " (rounds %,.0f..%,.0f), application %,.0f (rounds %,.0f..%,.0f)%n", ROUNDS, median(hdfs),
                min(hdfs), max(hdfs), median(application), min(application), max(application));
    }

    /** One workload: learns the i-th line. */
    private interface Workload {
        void line(int i);
    }

    /** HDFS-layout lines, each block id new now and then, with the service's sessions. */
    private static final class Hdfs implements Workload {
        private final Instant at;
        private final ServiceTemplates service = new ServiceTemplates(DrainParameters.defaults(), TemplateOverrides.NONE);
        private final SessionTracker sessions = new SessionTracker(Pattern.compile("blk_-?\\d+"), Duration.ofMinutes(5),
                10_000, 1_000);

        Hdfs(Instant at) {
            this.at = at;
        }

        @Override
        public void line(int i) {
            Matcher m = HDFS.matcher(HDFS_LINES.get(i % HDFS_LINES.size()));
            if (!m.matches()) {
                throw new IllegalStateException("the HDFS layout does not read its line");
            }
            String message = m.group("message").replace("blk_", "blk_" + (i & 4095));
            MinedLine line = service.learn(new LogEvent("hdfs", "datanode", at, LogLevel.INFO, message, Map.of()));
            sessions.add(at, line.template().id(), message, at);
        }
    }

    /** Vigil-layout lines of an application service. */
    private static final class Application implements Workload {
        private final List<String> lines;
        private final Instant at;
        private final ServiceTemplates service = new ServiceTemplates(DrainParameters.defaults(), TemplateOverrides.NONE);

        Application(List<String> lines, Instant at) {
            this.lines = lines;
            this.at = at;
        }

        @Override
        public void line(int i) {
            Matcher m = VIGIL.matcher(lines.get(i % lines.size()));
            if (!m.matches()) {
                throw new IllegalStateException("the vigil layout does not read its line");
            }
            service.learn(new LogEvent("kafka", m.group("service"), at, LogLevel.parse(m.group("level")),
                    m.group("message"), Map.of()));
        }
    }

    private static double measure(ThreadMXBean cpu, double seconds, Workload workload) {
        long start = cpu.getCurrentThreadCpuTime();
        long budget = (long) (seconds * 1e9);
        int lines = 0;
        while (cpu.getCurrentThreadCpuTime() - start < budget) {
            for (int i = 0; i < BATCH; i++) {
                workload.line(lines++);
            }
        }
        return lines / ((cpu.getCurrentThreadCpuTime() - start) / 1e9);
    }

    /** Eight shapes of application line with their variables (as {@code e2e.LogLines} makes them), seeded. */
    private static List<String> applicationLines() {
        Random random = new Random(42);
        String[] paths = { "/api/orders/", "/api/users/", "/api/cart/", "/api/items/" };
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            int kind = random.nextInt(8);
            String level = kind >= 5 ? "WARN" : "INFO";
            String message = switch (kind) {
                case 0 -> "Request GET " + paths[random.nextInt(4)] + random.nextInt(100_000) + " completed in "
                        + random.nextInt(900) + " ms status 200";
                case 1 -> "User u" + random.nextInt(50_000) + " logged in from 10." + random.nextInt(256) + "."
                        + random.nextInt(256) + "." + random.nextInt(256);
                case 2 -> "Cache miss for key order:" + random.nextInt(1_000_000) + " in region eu-west";
                case 3 -> "Connection pool main usage " + random.nextInt(50) + "/50 waiting " + random.nextInt(5);
                case 4 -> "Scheduled job cleanup finished: removed " + random.nextInt(10_000) + " rows in "
                        + random.nextInt(3000) + " ms";
                case 5 -> "Payment 0x" + Long.toHexString(random.nextLong()) + " declined: insufficient funds";
                case 6 -> "Slow query on table orders took " + (1000 + random.nextInt(5000)) + " ms";
                default -> "Timeout calling inventory-service after " + (3000 + random.nextInt(2000)) + " ms (attempt "
                        + (1 + random.nextInt(3)) + ")";
            };
            lines.add("2026-01-05T10:11:12Z " + level + " svc-" + (i % 10) + " " + message);
        }
        return lines;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
