package dev.vigil.app.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated lines of a web shop's checkout service: six kinds of routine lines at steady rates, and on demand error
 * lines of five kinds (a payment outage: gateway timeouts, refused database connections, failed reservations, declined
 * cards, an open circuit breaker), during which the routine lines thin out because fewer orders get through. In the
 * {@code vigil} line layout ({@code <ISO time> <LEVEL> <service> <message>}). Made up and seeded.
 */
public final class ShopLogs {

    /** The routine lines, each with its share of a minute's lines. */
    private static final List<String> ROUTINE = List.of(
            "user %d added item SKU-%d to cart",
            "GET /api/cart/%d answered 200 in %d ms",
            "payment authorised for order %d amount %d EUR",
            "inventory reserved %d units for order %d",
            "order %d confirmed and queued for shipping after %d ms",
            "session cache refreshed with %d entries in %d ms");
    /** The errors of a payment outage. */
    public static final List<String> OUTAGE = List.of(
            "payment gateway timeout after %d ms for order %d",
            "database connection refused by db-%d after %d ms",
            "failed to reserve stock for order %d: lock wait timeout after %d ms",
            "card declined for order %d: issuer unavailable, code %d",
            "circuit breaker open for payment-service after %d failures in %d s");
    /** An error now and then when all is well: rare, and each kind new when first seen. */
    public static final List<String> RARE = List.of(
            "retrying webhook delivery %d after %d ms",
            "slow query on carts took %d ms for user %d",
            "stale price for SKU-%d refreshed after %d s");

    /** One line, with its event time. */
    public record Line(Instant at, String level, String message) {

        public String text(String service) {
            return at + " " + level + " " + service + " " + message;
        }
    }

    private final Random random;
    private final Instant start;

    public ShopLogs(long seed, Instant start) {
        this.random = new Random(seed);
        this.start = start;
    }

    /**
     * Minute {@code minute}'s lines in time order: {@code routine} routine lines (a tenth of them while an outage
     * fails orders), {@code errors} outage error lines spread over its five kinds, and rare errors.
     *
     * @param rareShare the share of routine lines followed by one of the rare errors (0.005: 0.5 %)
     */
    public List<Line> minute(int minute, int routine, int errors, double rareShare) {
        Instant from = start.plus(Duration.ofMinutes(minute));
        List<Line> lines = new ArrayList<>();
        int served = errors > 0 ? routine / 10 : routine;
        for (int i = 0; i < served; i++) {
            String shape = ROUTINE.get(random.nextInt(ROUTINE.size()));
            lines.add(new Line(at(from), "INFO", String.format(Locale.ROOT, shape, number(), number())));
            if (random.nextDouble() < rareShare) {
                String rare = RARE.get(random.nextInt(RARE.size()));
                lines.add(new Line(at(from), "ERROR", String.format(Locale.ROOT, rare, number(), number())));
            }
        }
        for (int i = 0; i < errors; i++) {
            String shape = OUTAGE.get(i % OUTAGE.size());
            lines.add(new Line(at(from), "ERROR", String.format(Locale.ROOT, shape, number(), number())));
        }
        lines.sort(Comparator.comparing(Line::at));
        return lines;
    }

    private Instant at(Instant minuteStart) {
        return minuteStart.plusMillis(random.nextInt(59_000));
    }

    private int number() {
        return 1 + random.nextInt(99_999);
    }
}
