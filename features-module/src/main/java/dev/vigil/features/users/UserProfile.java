package dev.vigil.features.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.UserEvent;
import dev.vigil.features.sequence.ActionTransitions;
import dev.vigil.features.state.SnapshotMismatchException;

import static dev.vigil.features.users.UserFeatures.*;

/**
 * What Vigil knows about one user: counts per minute for the last hour and per hour for the last day, the addresses,
 * countries and endpoints it used (with when each was first and last seen), when in the day it is usually active,
 * its own pace (median requests and writes per active minute) and its last actions. Fixed memory whatever the user
 * does (about 5.8 KB with every set full; {@code bench/}'s {@code UserActivityBenchmark$StateSize}). Not thread-safe:
 * {@link UserActivity} synchronises.
 */
final class UserProfile {

    /** Actions further apart than this belong to different sessions: the first of a window then starts afresh. */
    static final long SESSION_GAP_SECONDS = 30 * 60;
    static final int ACTIONS = 64;
    private static final int EVIDENCE_NAMES = 3;

    private static final int EVENTS_C = 0;
    private static final int LOGINS_C = 1;
    private static final int FAILED_C = 2;
    private static final int WRITES_C = 3;
    private static final int NIGHT_C = 4;
    private static final int OFF_HOURS_C = 5;
    private static final int GEO_C = 6;
    private static final int ACTIVE_C = 7;
    private static final int COUNTERS = 7;

    private final BucketRing minutes = new BucketRing(62, COUNTERS);
    /** The same counters per hour, plus the active minutes of each hour. */
    private final BucketRing hours = new BucketRing(26, COUNTERS + 1);
    private final RecentSet ips = new RecentSet(16);
    private final RecentSet countries = new RecentSet(16);
    private final RecentSet endpoints = new RecentSet(64);
    private final HourProfile usualHours = new HourProfile();
    private final RateHistory rates = new RateHistory();
    private final String[] actions = new String[ACTIONS];
    /** When each action was, in {@link RecentSet#second} units. */
    private final int[] actionSeconds = new int[ACTIONS];
    private int actionCount;
    private int nextAction;
    private long firstSecond = Long.MIN_VALUE;
    private int lastCountry;
    private int jumpFrom;
    private int jumpTo;
    private long jumpSecond;
    private final Named newEndpoints = new Named(EVIDENCE_NAMES);
    private final Named newIps = new Named(EVIDENCE_NAMES);

    /** @param action the event's action, interned by {@link ActionNames} so profiles share one copy of each */
    void observe(UserEvent e, String action, ActionClasses classes, ZoneId zone) {
        long second = e.timestamp().getEpochSecond();
        long minute = Math.floorDiv(second, 60);
        long hour = Math.floorDiv(second, 3600);
        if (firstSecond == Long.MIN_VALUE || second < firstSecond) {
            firstSecond = second;
        }
        completeMinute(minute);
        completeHour(hour, zone);
        int hourOfDay = Keys.hourOfDay(second, zone);
        boolean login = classes.isLogin(action);
        int geo = 0;
        if (e.succeeded() && e.country() != null) {
            int country = Keys.country(e.country());
            if (lastCountry != 0 && country != lastCountry) {
                geo = 1;
                jumpFrom = lastCountry;
                jumpTo = country;
                jumpSecond = second;
            }
            lastCountry = country;
        }
        int[] add = { 1, login ? 1 : 0, login && !e.succeeded() ? 1 : 0, classes.isWrite(action) ? 1 : 0,
                hourOfDay < 6 ? 1 : 0, usualHours.rare(hourOfDay) ? 1 : 0, geo };
        boolean newActiveMinute = false;
        if (minutes.advanceTo(minute)) {
            newActiveMinute = minutes.get(minute, EVENTS_C) == 0;
            for (int c = 0; c < COUNTERS; c++) {
                minutes.add(minute, c, add[c]);
            }
        }
        if (hours.advanceTo(hour)) {
            for (int c = 0; c < COUNTERS; c++) {
                hours.add(hour, c, add[c]);
            }
            hours.add(hour, ACTIVE_C, newActiveMinute ? 1 : 0);
        }
        int at = RecentSet.second(second);
        if (e.succeeded()) {
            if (ips.see(Keys.of(e.ip()), at)) {
                newIps.add(e.ip(), second);
            }
            if (e.country() != null) {
                countries.see(Keys.country(e.country()), at);
            }
        }
        if (e.endpoint() != null && endpoints.see(Keys.of(e.endpoint()), at)) {
            newEndpoints.add(e.endpoint(), second);
        }
        actions[nextAction] = action;
        actionSeconds[nextAction] = RecentSet.second(second);
        nextAction = (nextAction + 1) % ACTIONS;
        actionCount = Math.min(actionCount + 1, ACTIONS);
    }

    /** The newest minute is over once a later one starts: its pace joins the user's history. */
    private void completeMinute(long minute) {
        long newest = minutes.newest();
        if (newest != Long.MIN_VALUE && minute > newest) {
            int requests = minutes.get(newest, EVENTS_C);
            if (requests > 0) {
                rates.add(requests, minutes.get(newest, WRITES_C));
            }
        }
    }

    /** The newest hour is over once a later one starts: its actions join the user's usual hours. */
    private void completeHour(long hour, ZoneId zone) {
        long newest = hours.newest();
        if (newest != Long.MIN_VALUE && hour > newest) {
            usualHours.learn(Keys.hourOfDay(newest * 3600 + 1800, zone), hours.get(newest, EVENTS_C));
        }
    }

    /** Every feature of {@link UserFeatures#names(EntityKind)} for a window ending at {@code asOf} (exclusive). */
    Map<String, Double> features(Instant asOf, ZoneId zone) {
        long end = Math.floorDiv(asOf.getEpochSecond() + 59, 60); // minute index, exclusive
        int to = RecentSet.second(end * 60);
        Map<String, Double> f = new LinkedHashMap<>(128);
        double requestMedian = rates.requestMedian();
        double writeMedian = rates.writeMedian();
        double[][] counts = new double[Horizon.values().length][];
        for (Horizon h : Horizon.values()) {
            counts[h.ordinal()] = counts(h, end);
        }
        for (String family : USER_FAMILIES) {
            for (Horizon h : Horizon.values()) {
                double[] c = counts[h.ordinal()];
                int from = RecentSet.second(end * 60 - h.minutes() * 60L);
                f.put(h.of(family), value(family, c, from, to, requestMedian, writeMedian));
            }
        }
        f.put(MEDIAN_REQUESTS_PER_MIN, requestMedian);
        f.put(MEDIAN_WRITES_PER_MIN, writeMedian);
        f.put(KNOWN_COUNTRIES, (double) countries.knownBefore(RecentSet.second(end * 60 - 86_400)));
        f.put(KNOWN_ENDPOINTS, (double) endpoints.knownBefore(RecentSet.second(end * 60 - 3600)));
        f.put(HISTORY_HOURS, historyHours(asOf));
        int activeHour = activeHour(end, zone);
        f.put(ACTIVE_HOUR, (double) activeHour);
        f.put(USUAL_SHARE_ACTIVE_HOUR, usualHours.share(activeHour));
        return f;
    }

    private double value(String family, double[] c, int from, int to, double requestMedian, double writeMedian) {
        double events = c[EVENTS_C];
        double active = c[ACTIVE_C];
        return switch (family) {
            case EVENTS -> events;
            case LOGIN_COUNT -> c[LOGINS_C];
            case FAILED_LOGINS -> c[FAILED_C];
            case FAILED_LOGIN_RATIO -> ratio(c[FAILED_C], c[LOGINS_C]);
            case WRITE_OPS_RATIO -> ratio(c[WRITES_C], events);
            case REQUESTS_PER_MIN -> ratio(events, active);
            case REQUESTS_VS_MEDIAN -> ratio(events, active) / Math.max(1, requestMedian);
            case WRITES_VS_MEDIAN -> ratio(c[WRITES_C], active) / Math.max(1, writeMedian);
            case DISTINCT_IPS -> ips.count(from, to);
            case NEW_IPS -> ips.countNew(from, to);
            case DISTINCT_COUNTRIES -> countries.count(from, to);
            case NEW_COUNTRIES -> countries.countNew(from, to);
            case GEO_JUMPS -> c[GEO_C];
            case DISTINCT_ENDPOINTS -> endpoints.count(from, to);
            case NEW_ENDPOINTS -> endpoints.countNew(from, to);
            case NEW_ENDPOINT_RATIO -> ratio(endpoints.countNew(from, to), endpoints.count(from, to));
            case NIGHT_ACTIVITY_RATIO -> ratio(c[NIGHT_C], events);
            case OFF_HOURS_RATIO -> ratio(c[OFF_HOURS_C], events);
            default -> throw new IllegalStateException("no user feature family " + family);
        };
    }

    private static double ratio(double part, double whole) {
        return whole > 0 ? part / whole : 0;
    }

    /**
     * The counters over a horizon ending at minute {@code end} (exclusive), and its active minutes at
     * {@link #ACTIVE_C}: minute buckets up to an hour; for 24 h the current hour's minutes, 23 whole hours and the
     * overlapping part of the hour before, pro rata.
     */
    private double[] counts(Horizon h, long end) {
        double[] c = new double[COUNTERS + 1];
        if (h.minutes() <= 60) {
            for (int i = 0; i < COUNTERS; i++) {
                c[i] = minutes.sum(i, end - h.minutes(), end);
            }
            c[ACTIVE_C] = minutes.nonZero(EVENTS_C, end - h.minutes(), end);
            return c;
        }
        long hourOfEnd = Math.floorDiv(end, 60);
        long tail = Math.floorMod(end, 60);
        long wholeHours = h.minutes() / 60 - 1;
        double head = (60 - tail) / 60.0;
        for (int i = 0; i < COUNTERS; i++) {
            c[i] = minutes.sum(i, hourOfEnd * 60, end) + hours.sum(i, hourOfEnd - wholeHours, hourOfEnd)
                    + head * hours.get(hourOfEnd - wholeHours - 1, i);
        }
        c[ACTIVE_C] = minutes.nonZero(EVENTS_C, hourOfEnd * 60, end)
                + hours.sum(ACTIVE_C, hourOfEnd - wholeHours, hourOfEnd)
                + head * hours.get(hourOfEnd - wholeHours - 1, ACTIVE_C);
        return c;
    }

    /** The hour of the day with most of the last hour's actions (the hour of {@code end} when there were none). */
    private int activeHour(long end, ZoneId zone) {
        int[] byHour = new int[24];
        for (long m = end - 60; m < end; m++) {
            byHour[Keys.hourOfDay(m * 60, zone)] += minutes.get(m, EVENTS_C);
        }
        int best = Keys.hourOfDay(end * 60 - 1, zone);
        for (int h = 0; h < 24; h++) {
            if (byHour[h] > byHour[best]) {
                best = h;
            }
        }
        return best;
    }

    double historyHours(Instant asOf) {
        return firstSecond == Long.MIN_VALUE ? 0 : Math.max(0, asOf.getEpochSecond() - firstSecond) / 3600.0;
    }

    /**
     * The actions in {@code [start, end)} in the order they came, preceded by the action before them when it was in
     * the same session ({@link #SESSION_GAP_SECONDS}), else by {@link ActionTransitions#START}. At most the last
     * {@value #ACTIONS} actions are remembered.
     */
    List<String> actions(Instant start, Instant end) {
        int from = RecentSet.second(start.getEpochSecond());
        int to = RecentSet.second(end.getEpochSecond());
        List<String> window = new ArrayList<>();
        String previous = ActionTransitions.START;
        int previousSecond = Integer.MIN_VALUE;
        for (int i = 0; i < actionCount; i++) {
            int at = Math.floorMod(nextAction - actionCount + i, ACTIONS);
            int second = actionSeconds[at];
            if (second >= from && second < to) {
                window.add(actions[at]);
            } else if (second < from && second >= previousSecond) {
                previousSecond = second;
                previous = from - second <= SESSION_GAP_SECONDS ? actions[at] : ActionTransitions.START;
            }
        }
        window.add(0, previous);
        return window;
    }

    /** Facts that back an alert about this user, as of {@code asOf}: only what is new or unusual. */
    List<String> evidence(Instant asOf, ZoneId zone) {
        List<String> evidence = new ArrayList<>();
        long t = asOf.getEpochSecond();
        int dayAgo = RecentSet.second(t - 86_400);
        int[] lastDay = countries.keys(dayAgo, RecentSet.second(t), first -> true);
        int[] fresh = countries.keys(dayAgo, RecentSet.second(t), first -> first >= dayAgo);
        if (fresh.length > 0 && lastDay.length > 1) {
            evidence.add("countries in the last 24 h: " + countryList(lastDay) + " (new for this user: "
                    + countryList(fresh) + ")");
        }
        if (jumpTo != 0 && jumpSecond >= t - 86_400 && jumpSecond < t) {
            evidence.add("country changed from " + Keys.country(jumpFrom) + " to " + Keys.country(jumpTo) + " at "
                    + Keys.time(jumpSecond, zone));
        }
        newIps.since(t - 86_400, t).ifPresent(list -> evidence.add("addresses new for this user in the last 24 h: " + list));
        newEndpoints.since(t - 3600, t).ifPresent(list -> evidence.add("endpoints never used before in the last hour: " + list));
        return evidence;
    }

    private static String countryList(int[] keys) {
        List<String> names = new ArrayList<>();
        for (int key : keys) {
            names.add(Keys.country(key));
        }
        return String.join(", ", names);
    }

    void writeTo(DataOutput out) throws IOException {
        minutes.writeTo(out);
        hours.writeTo(out);
        ips.writeTo(out);
        countries.writeTo(out);
        endpoints.writeTo(out);
        usualHours.writeTo(out);
        rates.writeTo(out);
        out.writeInt(actionCount);
        for (int i = 0; i < actionCount; i++) {
            int at = Math.floorMod(nextAction - actionCount + i, ACTIONS);
            out.writeUTF(actions[at]);
            out.writeInt(actionSeconds[at]);
        }
        out.writeLong(firstSecond);
        out.writeInt(lastCountry);
        out.writeInt(jumpFrom);
        out.writeInt(jumpTo);
        out.writeLong(jumpSecond);
        newEndpoints.writeTo(out);
        newIps.writeTo(out);
    }

    void readFrom(DataInput in, ActionNames names) throws IOException {
        minutes.readFrom(in);
        hours.readFrom(in);
        ips.readFrom(in);
        countries.readFrom(in);
        endpoints.readFrom(in);
        usualHours.readFrom(in);
        rates.readFrom(in);
        int count = in.readInt();
        if (count < 0 || count > ACTIONS) {
            throw new SnapshotMismatchException("user profile with " + count + " actions");
        }
        for (int i = 0; i < count; i++) {
            actions[i] = names.intern(in.readUTF());
            actionSeconds[i] = in.readInt();
        }
        actionCount = count;
        nextAction = count % ACTIONS;
        firstSecond = in.readLong();
        lastCountry = in.readInt();
        jumpFrom = in.readInt();
        jumpTo = in.readInt();
        jumpSecond = in.readLong();
        newEndpoints.readFrom(in);
        newIps.readFrom(in);
    }
}
