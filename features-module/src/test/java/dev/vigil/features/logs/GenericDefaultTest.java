package dev.vigil.features.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic default on generated application lines (made up here, seeded): fourteen kinds of line whose variables
 * take different token counts (durations and sizes with their units, lists, dates), host names, {@code key=value}
 * lists, quoted strings, ids and words from large vocabularies. Every kind must stay one template: none shatters into
 * one template per line or per value.
 */
class GenericDefaultTest {

    private static final String[] NAMES = { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
            "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter" };
    private static final String[] SERVICES = { "inventory-service", "billing", "search-api", "auth", "mailer",
            "recommendations", "ledger" };
    private static final String[] DURATIONS = { "%d ms", "%dms", "%d.5 s", "%d seconds", "<%d sec" };
    private static final String[] SIZES = { "%d bytes", "%d bytes (%d.25 KB)", "%d KB", "%d.5MB" };

    private final Random random = new Random(17);

    /** The kinds of line: each draws its variables from the random source. */
    private final List<Function<Random, String>> kinds = List.of(
            r -> "Request GET /api/orders/" + r.nextInt(100_000) + " completed in " + duration(r) + " status 200",
            r -> "User " + name(r) + " logged in from 10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256),
            r -> "Connection pool main usage " + r.nextInt(50) + "/50 waiting " + r.nextInt(5),
            r -> "Scheduled job cleanup finished: removed " + r.nextInt(10_000) + " rows in " + duration(r),
            r -> "Payment 0x" + Long.toHexString(r.nextLong()) + " declined: insufficient funds",
            r -> "Upload of " + size(r) + " to " + host(r) + " done",
            r -> "Timeout calling " + SERVICES[r.nextInt(SERVICES.length)] + " after " + duration(r) + " (attempt "
                    + (1 + r.nextInt(3)) + ")",
            r -> "GET /api/items/" + r.nextInt(1000) + " " + (r.nextBoolean() ? 200 : 404) + " " + r.nextInt(90) + " "
                    + r.nextInt(5000),
            r -> "level=info msg=request-done user=" + name(r) + " status=" + (200 + r.nextInt(4)) + " took="
                    + r.nextInt(900) + "ms",
            r -> "Deleted file \"report-" + r.nextInt(1000) + ".pdf\" for user \"" + name(r) + "\"",
            r -> "Node " + host(r) + " joined cluster at 2026-" + String.format(Locale.ROOT, "%02d-%02dT%02d:%02d:00Z",
                    1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60)),
            r -> "Retrying ids " + list(r),
            r -> "Certificate for " + host(r) + " expires on " + new String[] { "Jan", "Feb", "Mar", "Oct" }[r.nextInt(4)]
                    + " " + (1 + r.nextInt(28)) + " 2027",
            r -> "Session " + java.util.UUID.nameUUIDFromBytes(new byte[] { (byte) r.nextInt() }) + " expired after "
                    + duration(r));

    private static String name(Random r) {
        return NAMES[r.nextInt(NAMES.length)];
    }

    private static String duration(Random r) {
        return String.format(Locale.ROOT, DURATIONS[r.nextInt(DURATIONS.length)], 1 + r.nextInt(900));
    }

    private static String size(Random r) {
        return String.format(Locale.ROOT, SIZES[r.nextInt(SIZES.length)], 1 + r.nextInt(5000), r.nextInt(5));
    }

    private static String host(Random r) {
        return new String[] { "web", "db", "cache", "api" }[r.nextInt(4)] + "-" + r.nextInt(40) + "."
                + new String[] { "eu", "us", "ap" }[r.nextInt(3)] + ".example.com";
    }

    private static String list(Random r) {
        List<String> ids = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
            ids.add(String.valueOf(r.nextInt(100_000)));
        }
        return String.join(", ", ids);
    }

    @Test
    void eachKindOfLineIsOneTemplate() {
        DrainMiner miner = new DrainMiner(DrainParameters.defaults());
        List<Integer> truth = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int kind = random.nextInt(kinds.size());
            truth.add(kind);
            ids.add(miner.match(kinds.get(kind).apply(random)).id());
        }

        Map<Integer, String> templateOfKind = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            String id = miner.resolve(ids.get(i));
            String earlier = templateOfKind.putIfAbsent(truth.get(i), id);
            assertThat(id).as("kind %d, line %d", truth.get(i), i).isEqualTo(earlier == null ? id : earlier);
        }
        assertThat(miner.templates()).as("one template per kind").hasSize(kinds.size());
        assertThat(templateOfKind.values()).doesNotHaveDuplicates();
    }
}
