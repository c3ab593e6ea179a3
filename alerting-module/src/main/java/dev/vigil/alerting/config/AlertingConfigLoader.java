package dev.vigil.alerting.config;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.vigil.alerting.inhibit.InhibitRule;
import dev.vigil.alerting.lifecycle.LifecyclePolicy;
import dev.vigil.alerting.maintenance.MaintenanceWindow;
import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.route.GroupTiming;
import dev.vigil.alerting.route.Route;
import dev.vigil.alerting.severity.Importance;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.alerting.silence.Silence;
import dev.vigil.contracts.config.ConfigException;
import dev.vigil.contracts.config.ConfigNode;

/**
 * Reads the alerting file ({@code vigil.alerting.config}): lifecycle, severity, routing tree, inhibition rules,
 * silences and maintenance windows. Everything is checked here, at start; the first problem is reported with the
 * file, the key and the reason. The receivers a route may name are those {@code vigil.notify.receivers} enables; the
 * root route without {@code receivers} sends to all of them.
 */
public final class AlertingConfigLoader {

    public static final String DEFAULT_RESOURCE = "/dev/vigil/alerting/config/default-alerting.yaml";

    private static final Set<String> TOP_KEYS = Set.of("lifecycle", "severity", "route", "inhibit-rules", "silences",
            "maintenance-windows");
    private static final Set<String> LIFECYCLE_KEYS = Set.of("cooldown", "flapping", "fire-at-once",
            "resolve-when-quiet", "forget-after");
    private static final Duration DEFAULT_RESOLVE_WHEN_QUIET = Duration.ofMinutes(15);
    private static final Duration DEFAULT_FORGET_AFTER = Duration.ofDays(1);
    private static final Set<String> FLAPPING_KEYS = Set.of("max-changes", "period");
    private static final Set<String> SEVERITY_KEYS = Set.of("critical-ratio", "corroboration", "corroborate-by", "importance");
    private static final Set<String> IMPORTANCE_KEYS = Set.of("matchers", "weight");
    private static final Set<String> ROUTE_KEYS = Set.of("matchers", "receivers", "group-by", "group-wait",
            "group-interval", "repeat-interval", "continue", "routes");
    private static final Set<String> INHIBIT_KEYS = Set.of("source-matchers", "target-matchers", "equal");
    private static final Set<String> SILENCE_KEYS = Set.of("id", "matchers", "creator", "comment", "starts-at", "ends-at");
    private static final Set<String> WINDOW_KEYS = Set.of("name", "matchers", "from", "until", "weekdays", "start-time",
            "end-time", "time-zone");

    private static final String WHEN_EMPTY = "at least a route";

    private final List<String> receivers;

    /** @param receivers the receivers {@code vigil.notify.receivers} enables: the only names a route may use */
    public AlertingConfigLoader(List<String> receivers) {
        if (receivers.isEmpty()) {
            throw new IllegalArgumentException("vigil.notify.receivers names no receiver");
        }
        this.receivers = List.copyOf(receivers);
    }

    public AlertingConfig loadDefault() {
        return read(ConfigNode.parseResource(AlertingConfigLoader.class, DEFAULT_RESOURCE, WHEN_EMPTY));
    }

    public AlertingConfig load(Path file) {
        return read(ConfigNode.parse(file, WHEN_EMPTY));
    }

    public AlertingConfig load(InputStream yaml, String origin) {
        return read(ConfigNode.parse(yaml, origin, WHEN_EMPTY));
    }

    private AlertingConfig read(ConfigNode parsed) {
        ConfigNode root = parsed.onlyKeys(TOP_KEYS);
        if (!root.has("route")) {
            throw root.child("route").error("is required");
        }
        return new AlertingConfig(lifecycle(root.child("lifecycle")), severity(root.child("severity")),
                route(root.child("route"), null), inhibitRules(root), silences(root), windows(root));
    }

    private static LifecyclePolicy lifecycle(ConfigNode node) {
        if (!node.present()) {
            return new LifecyclePolicy(Duration.ZERO, 0, LifecyclePolicy.NONE.flapPeriod(),
                    LifecyclePolicy.DEFAULT_FIRE_AT_ONCE, DEFAULT_RESOLVE_WHEN_QUIET, DEFAULT_FORGET_AFTER);
        }
        node.onlyKeys(LIFECYCLE_KEYS);
        Duration cooldown = node.duration("cooldown", Duration.ZERO);
        Set<String> fireAtOnce = Set.copyOf(node.strings("fire-at-once", List.copyOf(LifecyclePolicy.DEFAULT_FIRE_AT_ONCE)));
        Duration resolveWhenQuiet = node.duration("resolve-when-quiet", DEFAULT_RESOLVE_WHEN_QUIET);
        Duration forgetAfter = node.duration("forget-after", DEFAULT_FORGET_AFTER);
        ConfigNode flapping = node.child("flapping");
        int maxChanges = 0;
        Duration period = LifecyclePolicy.NONE.flapPeriod();
        if (flapping.present()) {
            flapping.onlyKeys(FLAPPING_KEYS);
            maxChanges = flapping.integer("max-changes", 0, 0, 10_000);
            period = flapping.duration("period", Duration.ofHours(1));
            if (period.isZero()) {
                throw flapping.child("period").error("must be longer than zero");
            }
        }
        return new LifecyclePolicy(cooldown, maxChanges, period, fireAtOnce, resolveWhenQuiet, forgetAfter);
    }

    private static SeverityRanking severity(ConfigNode node) {
        if (!node.present()) {
            return SeverityRanking.SCORE_ONLY;
        }
        node.onlyKeys(SEVERITY_KEYS);
        List<Importance> importance = new ArrayList<>();
        for (ConfigNode rule : node.items("importance")) {
            rule.onlyKeys(IMPORTANCE_KEYS);
            if (!rule.has("weight")) {
                throw rule.child("weight").error("is required");
            }
            importance.add(new Importance(matchers(rule, "matchers", true), rule.number("weight", 1, 0.01, 100)));
        }
        return new SeverityRanking(node.number("critical-ratio", 3, 0.01, 1000),
                node.number("corroboration", 0, 0, 10), node.strings("corroborate-by", List.of()), importance);
    }

    private Route route(ConfigNode node, Route parent) {
        node.onlyKeys(ROUTE_KEYS);
        List<String> routeReceivers = node.strings("receivers", parent == null ? receivers : parent.receivers());
        if (routeReceivers.isEmpty()) {
            throw node.child("receivers").error("must name at least one receiver");
        }
        for (int i = 0; i < routeReceivers.size(); i++) {
            if (!receivers.contains(routeReceivers.get(i))) {
                throw node.child("receivers").error("receiver '" + routeReceivers.get(i)
                        + "' is not enabled in vigil.notify.receivers " + receivers);
            }
        }
        GroupTiming inherited = parent == null ? GroupTiming.IMMEDIATE : parent.timing();
        Duration repeat = inherited.repeatInterval();
        if (node.has("repeat-interval")) {
            repeat = "never".equals(node.string("repeat-interval", null)) ? null
                    : positive(node, "repeat-interval", node.duration("repeat-interval", null));
        }
        GroupTiming timing = new GroupTiming(node.duration("group-wait", inherited.groupWait()),
                node.duration("group-interval", inherited.groupInterval()), repeat);
        List<String> groupBy = node.strings("group-by", parent == null ? List.of(Route.ALL_LABELS) : parent.groupBy());
        if (groupBy.contains(Route.ALL_LABELS) && groupBy.size() > 1) {
            throw node.child("group-by").error("'...' (every label) cannot be combined with other labels");
        }
        if (parent == null && node.has("matchers")) {
            throw node.child("matchers").error("the root route takes every alert; put matchers on its routes");
        }
        if (parent == null && node.has("continue")) {
            throw node.child("continue").error("the root route has no siblings to continue to");
        }
        Matchers matchers = matchers(node, "matchers", false);
        String path = node.path();
        Route self = new Route(path, matchers, routeReceivers, groupBy, timing, node.bool("continue", false), List.of());
        List<Route> children = new ArrayList<>();
        for (ConfigNode child : node.items("routes")) {
            children.add(route(child, self));
        }
        return new Route(path, matchers, routeReceivers, groupBy, timing, self.continueMatching(), children);
    }

    private static Duration positive(ConfigNode node, String key, Duration d) {
        if (d.isZero()) {
            throw node.child(key).error("must be longer than zero (or 'never')");
        }
        return d;
    }

    private static List<InhibitRule> inhibitRules(ConfigNode root) {
        List<InhibitRule> rules = new ArrayList<>();
        for (ConfigNode rule : root.items("inhibit-rules")) {
            rule.onlyKeys(INHIBIT_KEYS);
            rules.add(new InhibitRule(matchers(rule, "source-matchers", true), matchers(rule, "target-matchers", true),
                    rule.strings("equal", List.of())));
        }
        return rules;
    }

    private static List<Silence> silences(ConfigNode root) {
        List<Silence> silences = new ArrayList<>();
        for (ConfigNode node : root.items("silences")) {
            node.onlyKeys(SILENCE_KEYS);
            Instant endsAt = node.instant("ends-at");
            Instant startsAt = node.has("starts-at") ? node.instant("starts-at") : Instant.EPOCH;
            if (!endsAt.isAfter(startsAt)) {
                throw node.child("ends-at").error("must be after starts-at " + startsAt);
            }
            String id = node.string("id", "config-" + silences.size());
            silences.add(new Silence(id, matchers(node, "matchers", true), node.requiredString("creator"),
                    node.requiredString("comment"), startsAt, endsAt));
        }
        return silences;
    }

    private static List<MaintenanceWindow> windows(ConfigNode root) {
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (ConfigNode node : root.items("maintenance-windows")) {
            node.onlyKeys(WINDOW_KEYS);
            String name = node.requiredString("name");
            Matchers matchers = matchers(node, "matchers", false);
            boolean once = node.has("from") || node.has("until");
            boolean weekly = node.has("weekdays") || node.has("start-time") || node.has("end-time");
            if (once == weekly) {
                throw node.error("give either from and until (once) or weekdays, start-time and end-time (weekly)");
            }
            if (once) {
                Instant from = node.instant("from");
                Instant until = node.instant("until");
                if (!until.isAfter(from)) {
                    throw node.child("until").error("must be after from " + from);
                }
                windows.add(MaintenanceWindow.once(name, matchers, from, until));
                continue;
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String day : node.strings("weekdays", List.of("monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday"))) {
                try {
                    days.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw node.child("weekdays").error("'" + day + "' is not a day of the week (monday ... sunday)");
                }
            }
            ZoneId zone;
            try {
                zone = node.has("time-zone") ? ZoneId.of(node.string("time-zone", null)) : ZoneOffset.UTC;
            } catch (DateTimeException e) {
                throw node.child("time-zone").error("unknown time zone '" + node.string("time-zone", null) + "'");
            }
            windows.add(MaintenanceWindow.weekly(name, matchers, days, time(node, "start-time"), time(node, "end-time"), zone));
        }
        return windows;
    }

    private static LocalTime time(ConfigNode node, String key) {
        String text = node.requiredString(key);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw node.child(key).error("must be a time of day like 22:00, got '" + text + "'");
        }
    }

    private static Matchers matchers(ConfigNode node, String key, boolean required) {
        if (required && !node.has(key)) {
            throw node.child(key).error("is required");
        }
        List<String> texts = node.strings(key, List.of());
        try {
            return Matchers.parse(texts);
        } catch (IllegalArgumentException e) {
            throw node.child(key).error(e.getMessage());
        }
    }
}
