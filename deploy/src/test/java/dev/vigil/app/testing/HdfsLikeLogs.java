package dev.vigil.app.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated lines shaped like HDFS DataNode and NameSystem logs, in HDFS_v1's events and layout
 * ({@code yyMMdd HHmmss <pid> <level> <component>: <message>}, the shipped {@code HDFS} format): block writes of thirteen
 * lines each, verifications, and now and then a slow
 * write warning without a block. A failing minute has some writes break off with a new ERROR line, lose a replica
 * and end early, and many more slow writes. Made up and seeded, so no loghub data is needed (loghub data is for
 * research only).
 */
public final class HdfsLikeLogs {

    /** The new error a failing write logs. */
    public static final String NEW_ERROR = "writeBlock blk_%d received exception java.io.IOException: Connection reset by peer";
    /** The warning that bursts while writes fail. */
    public static final String SLOW_WRITE = "Slow BlockReceiver write packet to mirror took %dms (threshold=300ms)";

    private static final DateTimeFormatter HDFS_TIME = DateTimeFormatter.ofPattern("yyMMdd HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One line, with its event time. */
    public record Line(Instant at, int pid, String level, String component, String message) {

        /** The line as HDFS writes it; its time to the second, in UTC. */
        public String text() {
            return HDFS_TIME.format(at) + " " + pid + " " + level + " " + component + ": " + message;
        }
    }

    private final Random random;
    private final Instant start;
    private long nextBlock;

    public HdfsLikeLogs(long seed, Instant start) {
        this.random = new Random(seed);
        this.start = start;
        this.nextBlock = 1_000_000L + seed;
    }

    /** Minute {@code minute}'s lines, in time order: {@code blocks} writes of which {@code failing} break off. */
    public List<Line> minute(int minute, int blocks, int failing) {
        Instant from = start.plus(Duration.ofMinutes(minute));
        List<Line> lines = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            Instant at = from.plusMillis(b * 50_000L / blocks);
            write(lines, at, nextBlock++, b < failing);
        }
        int slow = failing > 0 ? 15 + random.nextInt(5) : random.nextInt(3);
        for (int s = 0; s < slow; s++) {
            lines.add(new Line(from.plusMillis(random.nextInt(59_000)), 200 + random.nextInt(50), "WARN",
                    "dfs.DataNode$BlockReceiver", String.format(Locale.ROOT, SLOW_WRITE, 300 + random.nextInt(900))));
        }
        lines.sort(Comparator.comparing(Line::at));
        return lines;
    }

    private void write(List<Line> lines, Instant at, long block, boolean fails) {
        String id = "blk_" + (random.nextBoolean() ? "-" : "") + block;
        String[] nodes = {node(), node(), node()};
        int pid = 100 + random.nextInt(100);
        List<String> receiving = new ArrayList<>();
        for (String node : nodes) {
            receiving.add("Receiving block " + id + " src: /" + node + ":" + (30000 + random.nextInt(30000)) + " dest: /"
                    + node + ":50010");
        }
        String allocate = "BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_"
                + String.format(Locale.ROOT, "%06d", block % 1000) + "_0/part-" + String.format(Locale.ROOT, "%05d", block % 1000)
                + ". " + id;
        int allocateAt = random.nextInt(3);
        long ms = 0;
        for (int i = 0; i < 4; i++) {
            boolean isAllocation = i == allocateAt;
            lines.add(new Line(at.plusMillis(ms), isAllocation ? 30 : pid, "INFO",
                    isAllocation ? "dfs.FSNamesystem" : "dfs.DataNode$DataXceiver",
                    isAllocation ? allocate : receiving.remove(0)));
            ms += 100 + random.nextInt(200);
        }
        int replicas = 3;
        if (fails) {
            lines.add(new Line(at.plusMillis(ms), pid, "ERROR", "dfs.DataNode$DataXceiver",
                    String.format(Locale.ROOT, NEW_ERROR, block)));
            replicas = 2;
        }
        ms += 2000 + random.nextInt(2000);
        for (int r = replicas - 1; r >= 0; r--) {
            lines.add(new Line(at.plusMillis(ms), pid + r, "INFO", "dfs.DataNode$PacketResponder",
                    "PacketResponder " + r + " for block " + id + " terminating"));
            lines.add(new Line(at.plusMillis(ms + 1), pid + r, "INFO", "dfs.DataNode$PacketResponder",
                    "Received block " + id + " of size 67108864 from /" + nodes[r]));
            ms += 20 + random.nextInt(50);
        }
        for (int r = 0; r < replicas; r++) {
            lines.add(new Line(at.plusMillis(ms), 26 + r, "INFO", "dfs.FSNamesystem",
                    "BLOCK* NameSystem.addStoredBlock: blockMap updated: " + nodes[r] + ":50010 is added to " + id
                            + " size 67108864"));
            ms += 10 + random.nextInt(30);
        }
        if (!fails && random.nextInt(5) == 0) {
            lines.add(new Line(at.plusMillis(ms + 1000), 90, "INFO", "dfs.DataBlockScanner", "Verification succeeded for " + id));
        }
    }

    private String node() {
        return "10.250." + random.nextInt(20) + "." + (2 + random.nextInt(250));
    }
}
