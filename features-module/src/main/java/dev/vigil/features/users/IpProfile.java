package dev.vigil.features.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.UserEvent;

import static dev.vigil.features.users.UserFeatures.*;

/**
 * What is tried from one client address, across users, over the last hour: actions, logins and failed logins per
 * minute and the users it acted for (credential stuffing is many users' passwords tried from few addresses). About
 * 2 KB whatever the address does. Not thread-safe: {@link UserActivity} synchronises.
 */
final class IpProfile {

    private static final int EVENTS_C = 0;
    private static final int LOGINS_C = 1;
    private static final int FAILED_C = 2;
    private static final int COUNTERS = 3;

    private final BucketRing minutes = new BucketRing(62, COUNTERS);
    private final RecentSet users = new RecentSet(64);
    private final Named recentUsers = new Named(3);
    private long firstSecond = Long.MIN_VALUE;

    void observe(UserEvent e, String action, ActionClasses classes) {
        long second = e.timestamp().getEpochSecond();
        long minute = Math.floorDiv(second, 60);
        if (firstSecond == Long.MIN_VALUE || second < firstSecond) {
            firstSecond = second;
        }
        if (minutes.advanceTo(minute)) {
            boolean login = classes.isLogin(action);
            minutes.add(minute, EVENTS_C, 1);
            minutes.add(minute, LOGINS_C, login ? 1 : 0);
            minutes.add(minute, FAILED_C, login && !e.succeeded() ? 1 : 0);
        }
        if (users.see(Keys.of(e.user()), RecentSet.second(second))) {
            recentUsers.add(e.user(), second);
        }
    }

    /** Every feature of {@link UserFeatures#names(EntityKind)} for {@link EntityKind#IP}, as of {@code asOf}. */
    Map<String, Double> features(Instant asOf) {
        long end = Math.floorDiv(asOf.getEpochSecond() + 59, 60);
        int to = RecentSet.second(end * 60);
        Map<String, Double> f = new LinkedHashMap<>(32);
        for (String family : ADDRESS_FAMILIES) {
            for (Horizon h : ADDRESS_HORIZONS) {
                long from = end - h.minutes();
                double logins = minutes.sum(LOGINS_C, from, end);
                double failed = minutes.sum(FAILED_C, from, end);
                f.put(h.of(family), switch (family) {
                    case EVENTS -> (double) minutes.sum(EVENTS_C, from, end);
                    case LOGIN_COUNT -> logins;
                    case FAILED_LOGINS -> failed;
                    case FAILED_LOGIN_RATIO -> logins > 0 ? failed / logins : 0;
                    case DISTINCT_USERS -> (double) users.count(RecentSet.second(from * 60), to);
                    default -> throw new IllegalStateException("no address feature family " + family);
                });
            }
        }
        f.put(HISTORY_HOURS, firstSecond == Long.MIN_VALUE ? 0
                : Math.max(0, asOf.getEpochSecond() - firstSecond) / 3600.0);
        return f;
    }

    /** Facts that back an alert about this address. */
    List<String> evidence(Instant asOf) {
        List<String> evidence = new ArrayList<>();
        long t = asOf.getEpochSecond();
        recentUsers.since(t - 3600, t).ifPresent(list -> evidence.add("latest users new to this address: " + list));
        return evidence;
    }

    void writeTo(DataOutput out) throws IOException {
        minutes.writeTo(out);
        users.writeTo(out);
        recentUsers.writeTo(out);
        out.writeLong(firstSecond);
    }

    void readFrom(DataInput in) throws IOException {
        minutes.readFrom(in);
        users.readFrom(in);
        recentUsers.readFrom(in);
        firstSecond = in.readLong();
    }
}
