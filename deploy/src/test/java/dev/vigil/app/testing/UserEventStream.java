package dev.vigil.app.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A made-up but plausible stream of user and authentication events, the same for every run (fixed seed): nine
 * office workers over three and a half days (sessions of about three minutes at about 20 requests a minute, one or
 * two an hour in their working hours, a fifth of the actions writes, the odd mistyped password, two addresses each
 * in their own country), and on the last night two attacks:
 * <ul>
 *     <li>credential stuffing at 02:00: {@value #STUFFING_IP} tries 360 logins in four minutes against 300 leaked
 *     user names and three real users, every one failing;</li>
 *     <li>an account takeover at 03:10: {@value #VICTIM}'s account, after a failed try, is logged into from Russia,
 *     its password and e-mail are changed, data is exported and 160 projects are deleted in four minutes.</li>
 * </ul>
 * Everyone works normally again from 08:00.
 */
public final class UserEventStream {

    public static final Instant DAY0 = Instant.parse("2026-03-02T00:00:00Z");
    public static final String VICTIM = "victor";
    public static final String STUFFING_IP = "198.51.100.77";
    public static final String TAKEOVER_IP = "203.0.113.50";
    /** The users whose behaviour is only ever normal (the victim's is too, until the takeover). */
    public static final List<String> NORMAL_USERS = List.of("alice", "bruno", "chen", "dana", "emil", "fatima", "gus",
            "hana");
    /** Real users among the stuffing attempts: one failed login each, at night, from abroad. */
    public static final List<String> STUFFED_REAL_USERS = List.of("alice", "chen", "emil");

    private static final List<String> COUNTRIES = List.of("DE", "FR", "NL", "PL", "ES", "IT", "SE", "AT", "DE");
    private static final List<String> READS = List.of("GET /api/orders", "GET /api/orders/{id}", "GET /api/customers",
            "GET /api/customers/{id}", "GET /api/products", "GET /api/products/{id}", "GET /api/invoices",
            "GET /api/invoices/{id}", "GET /api/reports/daily", "GET /api/stock", "GET /api/suppliers",
            "GET /api/shipments", "GET /api/dashboard");
    private static final List<String> WRITES = List.of("PUT /api/orders/{id}", "POST /api/orders",
            "PUT /api/customers/{id}", "POST /api/notes", "PUT /api/stock/{id}", "POST /api/shipments");

    /** One event, written as the JSON the user-events topic carries. */
    public record Event(Instant at, String user, String action, boolean ok, String ip, String country, String endpoint,
            String userAgent) {

        public String json() {
            return String.format(Locale.ROOT, "{\"user\":\"%s\",\"timestamp\":\"%s\",\"action\":\"%s\",\"outcome\":\"%s\","
                    + "\"ip\":\"%s\",\"country\":\"%s\",\"endpoint\":\"%s\",\"user_agent\":\"%s\"}", user, at, action,
                    ok ? "success" : "failure", ip, country, endpoint, userAgent);
        }
    }

    private final Random random = new Random(20260302);
    private final List<Event> events = new ArrayList<>();

    /** Every event, in time order. */
    public static List<Event> events() {
        UserEventStream stream = new UserEventStream();
        List<String> users = new ArrayList<>(NORMAL_USERS);
        users.add(VICTIM);
        for (int u = 0; u < users.size(); u++) {
            stream.officeWorker(users.get(u), u, COUNTRIES.get(u));
        }
        stream.credentialStuffing(DAY0.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)));
        stream.accountTakeover(DAY0.plus(Duration.ofDays(3)).plus(Duration.ofHours(3)).plus(Duration.ofMinutes(10)));
        stream.events.sort(Comparator.comparing(Event::at));
        return List.copyOf(stream.events);
    }

    private void officeWorker(String user, int index, String country) {
        String office = "10.1." + index + ".10";
        String home = "10.2." + index + ".20";
        String agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/12" + index;
        List<String> reads = pick(READS, 10);
        List<String> writes = pick(WRITES, 4);
        double writeShare = user.equals(VICTIM) ? 0.1 : 0.2;
        int start = 7 + random.nextInt(3);
        int end = 16 + random.nextInt(3);
        for (int day = 0; day < 4; day++) {
            int lastHour = day == 3 ? 12 : end;
            for (int hour = Math.max(start, day == 3 ? 8 : 0); hour < lastHour; hour++) {
                int sessions = 1 + random.nextInt(2);
                for (int s = 0; s < sessions; s++) {
                    Instant at = DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour))
                            .plusSeconds(s * 1800L + random.nextInt(1500));
                    session(user, at, random.nextDouble() < 0.7 ? office : home, country, agent, reads, writes,
                            writeShare);
                }
            }
        }
    }

    private void session(String user, Instant start, String ip, String country, String agent, List<String> reads,
            List<String> writes, double writeShare) {
        Instant at = start;
        if (random.nextDouble() < 0.03) {
            events.add(new Event(at, user, "login", false, ip, country, "POST /login", agent));
            at = at.plusSeconds(6);
        }
        events.add(new Event(at, user, "login", true, ip, country, "POST /login", agent));
        int actions = 40 + random.nextInt(31);
        for (int i = 0; i < actions; i++) {
            at = at.plusMillis(1500 + random.nextInt(3000));
            if (random.nextDouble() < writeShare) {
                String endpoint = writes.get(random.nextInt(writes.size()));
                events.add(new Event(at, user, endpoint.startsWith("POST") ? "create" : "update", true, ip, country,
                        endpoint, agent));
            } else {
                String endpoint = reads.get(random.nextInt(reads.size()));
                events.add(new Event(at, user, random.nextDouble() < 0.2 ? "search" : "read", true, ip, country,
                        endpoint, agent));
            }
        }
        events.add(new Event(at.plusSeconds(2), user, "logout", true, ip, country, "POST /logout", agent));
    }

    private void credentialStuffing(Instant start) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            targets.add(String.format(Locale.ROOT, "leaked-%03d@example.org", i));
        }
        for (int i = 0; i < 360; i++) {
            String target = i % 120 == 60 ? STUFFED_REAL_USERS.get(i / 120) : targets.get(i % targets.size());
            events.add(new Event(start.plusMillis(i * 666L), target, "login", false, STUFFING_IP, "CN", "POST /login",
                    "python-requests/2.31"));
        }
    }

    private void accountTakeover(Instant start) {
        String agent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120";
        events.add(new Event(start.plusSeconds(5), VICTIM, "login", false, TAKEOVER_IP, "RU", "POST /login", agent));
        events.add(new Event(start.plusSeconds(20), VICTIM, "login", true, TAKEOVER_IP, "RU", "POST /login", agent));
        events.add(new Event(start.plusSeconds(40), VICTIM, "change-password", true, TAKEOVER_IP, "RU",
                "POST /account/password", agent));
        events.add(new Event(start.plusSeconds(55), VICTIM, "change-email", true, TAKEOVER_IP, "RU",
                "POST /account/email", agent));
        for (int i = 0; i < 3; i++) {
            events.add(new Event(start.plusSeconds(62 + i * 5L), VICTIM, "export", true, TAKEOVER_IP, "RU",
                    "GET /api/export", agent));
        }
        Instant deletes = start.plusSeconds(90);
        for (int i = 0; i < 160; i++) {
            events.add(new Event(deletes.plusMillis(i * 1500L), VICTIM, "delete", true, TAKEOVER_IP, "RU",
                    "DELETE /api/projects/{id}", agent));
        }
        events.add(new Event(deletes.plusSeconds(245), VICTIM, "logout", true, TAKEOVER_IP, "RU", "POST /logout", agent));
    }

    private List<String> pick(List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, n));
    }
}
