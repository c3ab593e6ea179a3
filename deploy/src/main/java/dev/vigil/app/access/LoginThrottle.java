package dev.vigil.app.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing on the console's login form, per user name and per client address. Every attempt
 * waits until the delay its name's and its address's earlier attempts set has run out; each attempt doubles that
 * delay (from {@code first} up to {@code max}), and a successful login clears both records. An attempt is counted
 * when it is let through, before its password is checked, so guesses sent in parallel line up one delay apart
 * instead of all being checked at once; one that would have to wait longer than {@code max} is refused outright,
 * uncounted, without its password being looked at. A record no attempt touched for {@code forgetAfter} after its
 * delay ran out starts afresh. At most {@link #MAX_RECORDS} names and addresses are remembered (the least recently
 * tried go first), about 1 MB.
 */
public final class LoginThrottle {

    static final int MAX_RECORDS = 10_000;
    /** Names are cut to this length before they are remembered: a record per name is all that is needed. */
    private static final int NAME_MAX = 128;

    /**
     * What an attempt may do.
     *
     * @param delay   how long it waits before its password is checked (zero for the first attempt)
     * @param refused whether it is refused without a check: it would have to wait longer than the maximum delay
     * @param earlier attempts of its name or address (the more of the two) not followed by a success
     * @param quietly whether to leave a refusal out of the log (one refusal is logged until an attempt gets through)
     */
    public record Admission(Duration delay, boolean refused, int earlier, boolean quietly) {
    }

    /** One name's or address's attempts since its last success. */
    private static final class Attempts {
        int count;
        Instant nextAt;
        boolean refusalLogged;
    }

    private final Duration first;
    private final Duration max;
    private final Duration forgetAfter;
    private final Clock clock;
    private final Map<String, Attempts> records = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
            return size() > MAX_RECORDS;
        }
    };

    public LoginThrottle(Duration first, Duration max, Duration forgetAfter, Clock clock) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("login delays: first (" + first + ") must be positive and at most max ("
                    + max + ")");
        }
        this.first = first;
        this.max = max;
        this.forgetAfter = forgetAfter;
        this.clock = clock;
    }

    /** Lets an attempt of {@code user} from {@code address} through (after its wait), or refuses it. */
    public synchronized Admission admit(String user, String address) {
        Instant now = clock.instant();
        Attempts name = attempts(userKey(user), now);
        Attempts from = attempts(addressKey(address), now);
        Instant start = later(now, later(name.nextAt, from.nextAt));
        Duration wait = Duration.between(now, start);
        int earlier = Math.max(name.count, from.count);
        if (wait.compareTo(max) > 0) {
            boolean quietly = name.refusalLogged && from.refusalLogged;
            name.refusalLogged = true;
            from.refusalLogged = true;
            return new Admission(wait, true, earlier, quietly);
        }
        count(name, start);
        count(from, start);
        return new Admission(wait, false, earlier, false);
    }

    /** The attempt logged in: its name and address start afresh. */
    public synchronized void succeeded(String user, String address) {
        records.remove(userKey(user));
        records.remove(addressKey(address));
    }

    /** How many names and addresses are remembered. */
    synchronized int remembered() {
        return records.size();
    }

    /** The delay after {@code count} attempts without a success: first, doubled each time, at most max. */
    Duration delayAfter(int count) {
        Duration delay = first;
        for (int i = 1; i < count && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private void count(Attempts attempts, Instant start) {
        attempts.count++;
        attempts.nextAt = start.plus(delayAfter(attempts.count));
        attempts.refusalLogged = false;
    }

    private Attempts attempts(String key, Instant now) {
        Attempts attempts = records.get(key);
        if (attempts == null || now.isAfter(attempts.nextAt.plus(forgetAfter))) {
            attempts = new Attempts();
            attempts.nextAt = now;
            records.put(key, attempts);
        }
        return attempts;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String userKey(String user) {
        String name = user == null ? "" : user;
        return "user:" + (name.length() > NAME_MAX ? name.substring(0, NAME_MAX) : name);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
