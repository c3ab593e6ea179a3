package dev.vigil.bench.e2e;

import java.time.Instant;
import java.util.Random;

/**
 * Made-up application log events as JSON, the format documented for {@code vigil.logs}: a fleet of services each
 * logging a dozen kinds of lines (requests, logins, cache, pool, payments, timeouts) with the numbers, ids and
 * addresses that make a miner mask and group them, mostly INFO, some WARN, a few ERROR. Seeded: every run sends the
 * same events.
 */
final class LogLines {

    private static final String[] PATHS = { "/api/orders/", "/api/users/", "/api/cart/", "/api/items/" };

    private final Random random = new Random(42);
    private final int services;

    LogLines(int services) {
        this.services = services;
    }

    String service(long i) {
        return "svc-" + (i % services);
    }

    /** The i-th event, at {@code at}. */
    String event(long i, Instant at) {
        String level = "INFO";
        String message;
        int kind = random.nextInt(100);
        if (kind < 40) {
            message = "Request GET " + PATHS[random.nextInt(PATHS.length)] + random.nextInt(100_000) + " completed in "
                    + random.nextInt(900) + " ms status 200";
        } else if (kind < 55) {
            message = "User u" + random.nextInt(50_000) + " logged in from 10." + random.nextInt(256) + "."
                    + random.nextInt(256) + "." + random.nextInt(256);
        } else if (kind < 67) {
            message = "Cache miss for key order:" + random.nextInt(1_000_000) + " in region eu-west";
        } else if (kind < 77) {
            message = "Connection pool main usage " + random.nextInt(50) + "/50 waiting " + random.nextInt(5);
        } else if (kind < 85) {
            message = "Scheduled job cleanup finished: removed " + random.nextInt(10_000) + " rows in " + random.nextInt(3000) + " ms";
        } else if (kind < 92) {
            level = "WARN";
            message = "Payment 0x" + Long.toHexString(random.nextLong()) + " declined: insufficient funds";
        } else if (kind < 97) {
            level = "WARN";
            message = "Slow query on table orders took " + (1000 + random.nextInt(5000)) + " ms";
        } else {
            level = "ERROR";
            message = "Timeout calling inventory-service after " + (3000 + random.nextInt(2000)) + " ms (attempt "
                    + (1 + random.nextInt(3)) + ")";
        }
        return "{\"timestamp\":\"" + at + "\",\"service\":\"" + service(i) + "\",\"level\":\"" + level
                + "\",\"message\":\"" + message + "\"}";
    }
}
