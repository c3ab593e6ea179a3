package dev.vigil.bench.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.features.logs.DrainMiner;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MinedLine;
import dev.vigil.features.logs.ServiceTemplates;
import dev.vigil.features.logs.Session;
import dev.vigil.features.logs.SessionTracker;
import dev.vigil.features.logs.Template;
import dev.vigil.features.logs.TemplateOverrides;
import dev.vigil.ingest.kafka.LogFormat;
import dev.vigil.ingest.kafka.LogFormats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lines per second of the Drain miner on made-up HDFS-layout lines (no loghub data needed): {@code matchExisting} is
 * {@link DrainMiner#match} on a message whose template the miner already holds (masking, tokenizing, tree walk,
 * similarity, template update: the steady state); {@code fullPath} adds splitting the raw line with the shipped
 * {@code HDFS} format first; {@code masksOnly} is the regex masks alone, the baseline that shows how much of the cost they are;
 * {@code liveService} is what the live path does per line of a service with sessions: the format split, the
 * service's {@link ServiceTemplates} (Drain, birth, example line) and its {@link SessionTracker}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogParsingBenchmark {

    private static final List<String> LINES = List.of(
            "260105 101112 77 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_-4242 terminating",
            "260105 101113 78 INFO dfs.DataNode$DataXceiver: Receiving block blk_9001 src: /10.0.0.7:4411 dest: /10.0.0.7:50010",
            "260105 101114 79 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.0.0.9:50010 is added to blk_77 size 67108864",
            "260105 101115 80 WARN dfs.DataNode$DataXceiver: 10.0.0.3:50010:Got exception while serving blk_12 to /10.0.0.4:",
            "260105 101116 81 INFO dfs.DataNode$PacketResponder: Received block blk_-31 of size 67108864 from /10.0.0.5",
            "260105 101117 82 INFO dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /user/root/job_9/part-00003. blk_-8");

    private final LogFormat format = LogFormats.get("HDFS");
    private final Instant at = Instant.parse("2026-01-05T10:11:12Z");
    private DrainMiner miner;
    private ServiceTemplates service;
    private SessionTracker sessions;
    private String[] messages;
    private int next;

    @Setup
    public void setUp() {
        miner = new DrainMiner(DrainParameters.defaults());
        messages = new String[LINES.size() * 16];
        for (int i = 0; i < messages.length; i++) {
            // vary the numbers so every call masks real variables
            messages[i] = message(LINES.get(i % LINES.size())).replace("blk_", "blk_" + i);
        }
        for (String m : messages) {
            miner.match(m);
        }
        service = new ServiceTemplates(DrainParameters.defaults(), TemplateOverrides.NONE);
        sessions = new SessionTracker(Pattern.compile("blk_-?\\d+"), Duration.ofMinutes(5), 10_000, 1_000);
    }

    private String message(String line) {
        Matcher m = format.pattern().matcher(line);
        if (!m.matches()) {
            throw new IllegalStateException(line);
        }
        return m.group("message");
    }

    @Benchmark
    public Template matchExisting() {
        return miner.match(messages[next++ % messages.length]);
    }

    @Benchmark
    public Template fullPath() {
        String line = LINES.get(next++ % LINES.size());
        return miner.match(message(line));
    }

    @Benchmark
    public List<Session> liveService() {
        String message = message(LINES.get(next++ % LINES.size())).replace("blk_", "blk_" + (next & 4095));
        MinedLine line = service.learn(new LogEvent("hdfs", "datanode", at, LogLevel.INFO, message, Map.of()));
        return sessions.add(at, line.template().id(), message, at);
    }

    @Benchmark
    public String masksOnly() {
        String m = messages[next++ % messages.length];
        for (var mask : miner.parameters().masks()) {
            m = mask.apply(m);
        }
        return m;
    }
}
