package dev.vigil.scoring.sessions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.vigil.features.logs.Session;

/** HDFS-like block sessions, as the session tracker closes them, for the session models' tests. */
final class Sessions {

    static final Instant T0 = Instant.parse("2026-01-06T10:00:00Z");

    private Sessions() {
    }

    /**
     * A normal block write: allocate (E22), three receives (E5) in some order around the allocation, three responders
     * each terminating (E11) and receiving (E9), three blockMap updates (E26); a fifth of them verified (E2).
     */
    static Session normal(String id, Random random) {
        List<String> events = new ArrayList<>(List.of("E5", "E5", "E5"));
        events.add(random.nextInt(3), "E22");
        for (int i = 0; i < 3; i++) {
            events.add("E11");
            events.add("E9");
        }
        events.addAll(List.of("E26", "E26", "E26"));
        if (random.nextInt(5) == 0) {
            events.add("E2");
        }
        return session(id, events);
    }

    static Session session(String id, List<String> events) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> lines = new LinkedHashMap<>();
        for (String e : events) {
            counts.merge(e, 1, Integer::sum);
            lines.putIfAbsent(e, e + " line of " + id);
        }
        return new Session(id, T0, T0.plusSeconds(events.size()), events, counts, lines, false);
    }

    static String label(String template) {
        return "'" + template + "'";
    }

    static byte[] write(SessionModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.writeTo(out);
        }
        return bytes.toByteArray();
    }

    static DataInputStream read(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
