package dev.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.UserEvent;
import dev.vigil.features.users.ActionClasses;
import dev.vigil.features.users.EntityKind;
import dev.vigil.features.users.UserActivity;
import dev.vigil.features.users.UserWindow;
import dev.vigil.ingest.users.UserEventParser;
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
 * What a user event costs Vigil's per-user state, against what reading it costs in the same run: {@code parse} is
 * {@link UserEventParser#parse} of the event's JSON (the baseline every event pays to come in), {@code observe} is
 * {@link UserActivity#observe} (the event taught to its user's and its address's activity), {@code window} the
 * features of a closed user window over every horizon ({@link UserActivity#window}, once per user and minute, not per
 * event). 1,000 users with a day of history each on 200 addresses, 12 endpoints each from a pool of 40; events move
 * forward in time as in production. Run with {@code -prof gc} for bytes per call. {@link StateSize#main} reports the
 * memory of a user's and an address's state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class UserActivityBenchmark {

    private static final int USERS = 1000;
    private static final String[] ACTIONS = { "read", "read", "read", "search", "update", "create", "login" };

    private UserActivity activity;
    private UserEventParser parser;
    private final Random random = new Random(5);
    private Instant clock = Instant.parse("2026-03-02T00:00:00Z");
    private String[] json;
    private int next;

    @Setup
    public void learnADay() {
        activity = new UserActivity(ActionClasses.DEFAULT, ZoneOffset.UTC, 100_000, 100_000, Clock.systemUTC());
        parser = new UserEventParser(65536, new ObjectMapper(), Clock.systemUTC());
        for (int i = 0; i < 200_000; i++) {
            activity.observe(nextEvent());
        }
        json = new String[4096];
        for (int i = 0; i < json.length; i++) {
            UserEvent e = nextEvent();
            json[i] = String.format(Locale.ROOT, "{\"user\":\"%s\",\"timestamp\":\"%s\",\"action\":\"%s\","
                    + "\"outcome\":\"success\",\"ip\":\"%s\",\"country\":\"%s\",\"endpoint\":\"%s\","
                    + "\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64)\"}", e.user(), e.timestamp(), e.action(), e.ip(),
                    e.country(), e.endpoint());
        }
    }

    /** The next event of a busy system: about 2 events a second over 1,000 users, time moving forward. */
    private UserEvent nextEvent() {
        clock = clock.plusMillis(400 + random.nextInt(200));
        int user = random.nextInt(USERS);
        return new UserEvent("users", "user-" + user, clock, ACTIONS[random.nextInt(ACTIONS.length)],
                UserEvent.Outcome.SUCCESS, "10.0." + user % 200 + ".1", user % 10 == 0 ? "FR" : "DE",
                "GET /api/e" + (user + random.nextInt(12)) % 40, null, Map.of());
    }

    @Benchmark
    public UserEvent parse() {
        return parser.parse(null, json[next++ & (json.length - 1)]);
    }

    @Benchmark
    public void observe() {
        activity.observe(nextEvent());
    }

    @Benchmark
    public UserWindow window() {
        String user = "user-" + random.nextInt(USERS);
        Instant end = Instant.ofEpochSecond(clock.getEpochSecond() / 60 * 60);
        return activity.window(new FeatureVector("users", EntityKind.USER.entity(user),
                UserActivity.labels(EntityKind.USER, user), end.minus(Duration.ofMinutes(1)), end, Map.of()));
    }

    /**
     * Bytes of state per user and per address, each with a day of history that fills every set it keeps (16
     * addresses, 16 countries, 64 endpoints a user; 64 users an address): the heap they hold after a GC. Run as
     * {@code java -cp bench/target/benchmarks.jar dev.vigil.bench.UserActivityBenchmark\$StateSize}.
     */
    public static final class StateSize {

        private static final int ENTITIES = 20_000;

        public static void main(String[] args) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
            long before = heapUsedAfterGc(memory);
            UserActivity users = new UserActivity(ActionClasses.DEFAULT, ZoneOffset.UTC, ENTITIES, ENTITIES,
                    Clock.systemUTC());
            for (int u = 0; u < ENTITIES; u++) {
                for (int i = 0; i < 160; i++) {
                    users.observe(new UserEvent("users", "user-" + u, t0.plus(Duration.ofMinutes(9L * i)),
                            ACTIONS[i % ACTIONS.length], UserEvent.Outcome.SUCCESS, "10.9.9.9",
                            "C" + (char) ('A' + i % 16), "GET /api/e" + i % 64, null, Map.of()));
                }
            }
            long perUser = (heapUsedAfterGc(memory) - before) / ENTITIES;
            before = heapUsedAfterGc(memory);
            UserActivity ips = new UserActivity(ActionClasses.DEFAULT, ZoneOffset.UTC, ENTITIES, ENTITIES,
                    Clock.systemUTC());
            for (int a = 0; a < ENTITIES; a++) {
                for (int i = 0; i < 64; i++) {
                    ips.observe(new UserEvent("users", "u" + i, t0.plus(Duration.ofSeconds(50L * i)), "login",
                            UserEvent.Outcome.FAILURE, "10." + a / 65536 + "." + a / 256 % 256 + "." + a % 256, "DE",
                            "POST /login", null, Map.of()));
                }
            }
            // the 64 users of the address test are profiles too: a few, shared by every address
            long perIp = (heapUsedAfterGc(memory) - before) / ENTITIES;
            System.out.printf("user    %,d bytes (%d users)%naddress %,d bytes (%d addresses)%n", perUser,
                    users.users(), perIp, ips.ips());
        }

        private static long heapUsedAfterGc(MemoryMXBean memory) {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return memory.getHeapMemoryUsage().getUsed();
        }
    }
}
