package dev.vigil.features.users;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The features of a user-events window, by name, and how to say each in words. A windowed feature is a family and a
 * {@link Horizon}: {@code failed_logins_1m}, {@code distinct_countries_24h}. Users have every family below over every
 * horizon, plus a few of their habits; addresses have the {@link #ADDRESS_FAMILIES} up to one hour. Names follow the
 * reference Isolation Forest's inputs, so a model trained on them maps by name ({@code login_count_1h},
 * {@code failed_login_ratio_1h}, {@code distinct_ips_24h}, {@code distinct_countries_24h}) or nearly
 * ({@code write_ops_ratio_1h}, {@code requests_per_min_1h}, {@code distinct_endpoints_1h},
 * {@code night_activity_ratio_24h}).
 * <p>
 * Every feature is always present and finite: a ratio of nothing is 0, a user's median before it has one is 0.
 */
public final class UserFeatures {

    /** Actions. */
    public static final String EVENTS = "events";
    /** Login attempts. */
    public static final String LOGIN_COUNT = "login_count";
    /** Login attempts that failed. */
    public static final String FAILED_LOGINS = "failed_logins";
    /** Failed over all login attempts, 0 without any. */
    public static final String FAILED_LOGIN_RATIO = "failed_login_ratio";
    /** Writes over all actions. */
    public static final String WRITE_OPS_RATIO = "write_ops_ratio";
    /** Actions per active minute (a minute with at least one action). */
    public static final String REQUESTS_PER_MIN = "requests_per_min";
    /** Actions per active minute over the user's median per active minute (at least 1): burstiness. */
    public static final String REQUESTS_VS_MEDIAN = "requests_vs_median";
    /** Writes per active minute over the user's median writes per active minute (at least 1). */
    public static final String WRITES_VS_MEDIAN = "writes_vs_median";
    /** Addresses the user acted from successfully. */
    public static final String DISTINCT_IPS = "distinct_ips";
    /** Of those, addresses first used in the window. */
    public static final String NEW_IPS = "new_ips";
    /** Countries the user acted from successfully. */
    public static final String DISTINCT_COUNTRIES = "distinct_countries";
    /** Of those, countries first used in the window. */
    public static final String NEW_COUNTRIES = "new_countries";
    /** Changes of country between consecutive successful actions: a geo jump. */
    public static final String GEO_JUMPS = "geo_jumps";
    /** Endpoints called. */
    public static final String DISTINCT_ENDPOINTS = "distinct_endpoints";
    /** Endpoints called for the first time by this user. */
    public static final String NEW_ENDPOINTS = "new_endpoints";
    /** New over distinct endpoints: novelty. */
    public static final String NEW_ENDPOINT_RATIO = "new_endpoint_ratio";
    /** Share of actions between 00:00 and 06:00 (configured time zone). */
    public static final String NIGHT_ACTIVITY_RATIO = "night_activity_ratio";
    /** Share of actions in hours of the day this user is rarely active in (under 2 % of its actions). */
    public static final String OFF_HOURS_RATIO = "off_hours_ratio";
    /** Users an address acted for (or tried to). */
    public static final String DISTINCT_USERS = "distinct_users";

    /** The user's median actions per active minute, over its last 32 active minutes. */
    public static final String MEDIAN_REQUESTS_PER_MIN = "median_requests_per_min";
    /** The user's median writes per active minute. */
    public static final String MEDIAN_WRITES_PER_MIN = "median_writes_per_min";
    /** Countries known for the user before the last 24 h. */
    public static final String KNOWN_COUNTRIES = "known_countries";
    /** Endpoints known for the user before the last hour. */
    public static final String KNOWN_ENDPOINTS = "known_endpoints";
    /** Hours since the entity was first seen (event time). */
    public static final String HISTORY_HOURS = "history_hours";
    /** Hour of the day (configured time zone) of most of the last hour's actions. */
    public static final String ACTIVE_HOUR = "active_hour";
    /** The user's usual share of its actions in that hour of the day. */
    public static final String USUAL_SHARE_ACTIVE_HOUR = "usual_share_active_hour";

    /** A user's windowed families, in the order of its vector. */
    public static final List<String> USER_FAMILIES = List.of(EVENTS, LOGIN_COUNT, FAILED_LOGINS, FAILED_LOGIN_RATIO,
            WRITE_OPS_RATIO, REQUESTS_PER_MIN, REQUESTS_VS_MEDIAN, WRITES_VS_MEDIAN, DISTINCT_IPS, NEW_IPS,
            DISTINCT_COUNTRIES, NEW_COUNTRIES, GEO_JUMPS, DISTINCT_ENDPOINTS, NEW_ENDPOINTS, NEW_ENDPOINT_RATIO,
            NIGHT_ACTIVITY_RATIO, OFF_HOURS_RATIO);
    /** A user's habits, single values. */
    public static final List<String> USER_HABITS = List.of(MEDIAN_REQUESTS_PER_MIN, MEDIAN_WRITES_PER_MIN,
            KNOWN_COUNTRIES, KNOWN_ENDPOINTS, HISTORY_HOURS, ACTIVE_HOUR, USUAL_SHARE_ACTIVE_HOUR);
    /** An address's windowed families. */
    public static final List<String> ADDRESS_FAMILIES = List.of(EVENTS, LOGIN_COUNT, FAILED_LOGINS,
            FAILED_LOGIN_RATIO, DISTINCT_USERS);
    /** The horizons of an address's features: an address is judged on the last hour only. */
    public static final List<Horizon> ADDRESS_HORIZONS = List.of(Horizon.M1, Horizon.M5, Horizon.M15, Horizon.H1);

    private static final Map<EntityKind, List<String>> NAMES = new EnumMap<>(EntityKind.class);
    private static final Map<String, Horizon> HORIZON_OF = new LinkedHashMap<>();
    private static final Map<String, String> FAMILY_OF = new LinkedHashMap<>();

    static {
        List<String> user = new ArrayList<>();
        for (String family : USER_FAMILIES) {
            for (Horizon h : Horizon.values()) {
                user.add(windowed(family, h));
            }
        }
        user.addAll(USER_HABITS);
        NAMES.put(EntityKind.USER, Collections.unmodifiableList(user));
        List<String> address = new ArrayList<>();
        for (String family : ADDRESS_FAMILIES) {
            for (Horizon h : ADDRESS_HORIZONS) {
                address.add(windowed(family, h));
            }
        }
        address.add(HISTORY_HOURS);
        NAMES.put(EntityKind.IP, Collections.unmodifiableList(address));
    }

    private UserFeatures() {
    }

    private static String windowed(String family, Horizon h) {
        String name = h.of(family);
        HORIZON_OF.put(name, h);
        FAMILY_OF.put(name, family);
        return name;
    }

    /** Every feature of an entity kind's windows, in vector order. */
    public static List<String> names(EntityKind kind) {
        return NAMES.get(kind);
    }

    /**
     * One clause a person can read, e.g. {@code "3 countries in the last 24 h (2 new for this user)"} or
     * {@code "writes 20x the user's median in the last 15 min (2.0 per active minute usually)"}, reading the values
     * it needs beside the feature's own from the window's features.
     */
    public static String describe(String feature, Map<String, Double> values) {
        double v = values.getOrDefault(feature, Double.NaN);
        Horizon h = HORIZON_OF.get(feature);
        if (h == null) {
            return describeHabit(feature, v);
        }
        String in = " in the last " + h.words();
        return switch (FAMILY_OF.get(feature)) {
            case EVENTS -> count(v, "action", "actions") + in;
            case LOGIN_COUNT -> count(v, "login", "logins") + in;
            case FAILED_LOGINS -> count(v, "failed login", "failed logins") + in;
            case FAILED_LOGIN_RATIO -> percent(v) + " of logins" + in + " failed";
            case WRITE_OPS_RATIO -> percent(v) + " of actions" + in + " were writes";
            case REQUESTS_PER_MIN -> decimal(v) + " requests per active minute" + in + " (usually "
                    + decimal(values.getOrDefault(MEDIAN_REQUESTS_PER_MIN, 0.0)) + ")";
            case REQUESTS_VS_MEDIAN -> "requests " + times(v) + " the user's median" + in + " ("
                    + decimal(values.getOrDefault(MEDIAN_REQUESTS_PER_MIN, 0.0)) + " per active minute usually)";
            case WRITES_VS_MEDIAN -> "writes " + times(v) + " the user's median" + in + " ("
                    + decimal(values.getOrDefault(MEDIAN_WRITES_PER_MIN, 0.0)) + " per active minute usually)";
            case DISTINCT_IPS -> count(v, "IP address", "IP addresses") + in + " (" + count(values.getOrDefault(h.of(NEW_IPS), 0.0))
                    + " new for this user)";
            case NEW_IPS -> count(v, "IP address", "IP addresses") + " new for this user" + in;
            case DISTINCT_COUNTRIES -> count(v, "country", "countries") + in + " ("
                    + count(values.getOrDefault(h.of(NEW_COUNTRIES), 0.0)) + " new for this user)";
            case NEW_COUNTRIES -> count(v, "country", "countries") + " new for this user" + in + " (it knew "
                    + count(values.getOrDefault(KNOWN_COUNTRIES, 0.0)) + ")";
            case GEO_JUMPS -> count(v, "change", "changes") + " of country between consecutive actions" + in;
            case DISTINCT_ENDPOINTS -> count(v, "endpoint", "endpoints") + in + " ("
                    + count(values.getOrDefault(h.of(NEW_ENDPOINTS), 0.0)) + " never used before)";
            case NEW_ENDPOINTS -> count(v, "endpoint", "endpoints") + " never used before by this user" + in;
            case NEW_ENDPOINT_RATIO -> percent(v) + " of the endpoints used" + in + " never used before by this user";
            case NIGHT_ACTIVITY_RATIO -> percent(v) + " of actions" + in + " between 00:00 and 06:00";
            case OFF_HOURS_RATIO -> offHours(v, in, values);
            case DISTINCT_USERS -> count(v, "user", "users") + " tried from this address" + in;
            default -> feature + " = " + decimal(v);
        };
    }

    private static String offHours(double v, String in, Map<String, Double> values) {
        int hour = (int) Math.round(values.getOrDefault(ACTIVE_HOUR, 0.0));
        return percent(v) + " of actions" + in + " at hours this user is rarely active (" + hour(hour) + "–"
                + hour((hour + 1) % 24) + ": usually " + percent(values.getOrDefault(USUAL_SHARE_ACTIVE_HOUR, 0.0))
                + " of its actions)";
    }

    private static String describeHabit(String feature, double v) {
        return switch (feature) {
            case MEDIAN_REQUESTS_PER_MIN -> "usually " + decimal(v) + " requests per active minute";
            case MEDIAN_WRITES_PER_MIN -> "usually " + decimal(v) + " writes per active minute";
            case KNOWN_COUNTRIES -> count(v) + " countries known for this user";
            case KNOWN_ENDPOINTS -> count(v) + " endpoints known for this user";
            case HISTORY_HOURS -> "seen for " + count(v) + " h";
            case ACTIVE_HOUR -> "most actions of the last hour between " + hour((int) v) + " and "
                    + hour(((int) v + 1) % 24);
            case USUAL_SHARE_ACTIVE_HOUR -> "usually " + percent(v) + " of its actions in that hour";
            default -> feature + " = " + decimal(v);
        };
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** {@code 1 country}, {@code 3 countries}: the count rounded as it is shown. */
    private static String count(double v, String one, String many) {
        String n = count(v);
        return n + " " + (n.equals("1") ? one : many);
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    private static String times(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.1fx" : "%.0fx", v);
    }

    private static String hour(int h) {
        return String.format(Locale.ROOT, "%02d:00", h);
    }
}
