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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.vigil.alerting.inhibit.InhibitRule;
import dev.vigil.alerting.lifecycle.LifecyclePolicy;
import dev.vigil.alerting.maintenance.MaintenanceWindow;
import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.notify.Integrations;
import dev.vigil.alerting.notify.ReceiverConfig;
import dev.vigil.alerting.route.GroupTiming;
import dev.vigil.alerting.route.Route;
import dev.vigil.alerting.severity.Importance;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.alerting.silence.Silence;
import dev.vigil.contracts.config.ConfigException;
import dev.vigil.contracts.config.ConfigNode;

/**
 * Reads the alerting file ({@code vigil.alerting.config}): lifecycle, severity, named receivers, routing tree,
 * inhibition rules, silences and maintenance windows. Everything is checked here, at start; the first problem is
 * reported with the file, the key and the reason. The receivers a route may name are those
 * {@code vigil.notify.receivers} enables and those the file names (each becoming its integrations' delivery
 * addresses); the root route without {@code receivers} sends to all of {@code vigil.notify.receivers}.
 */
public final class AlertingConfigLoader {

    public static final String DEFAULT_RESOURCE = "/dev/vigil/alerting/config/default-alerting.yaml";

    private static final Set<String> TOP_KEYS = Set.of("lifecycle", "severity", "receivers", "route", "inhibit-rules",
            "silences", "maintenance-windows");
    /** A receiver's name: also part of its delivery addresses ({@code <name>/<kind>}), so no slash. */
    private static final Pattern RECEIVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");
    /** A setting given as an environment reference: {@code ${NAME}}. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
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
    private final Function<String, Optional<String>> environment;

    /** @param receivers the receivers {@code vigil.notify.receivers} enables; secrets read from the process's environment */
    public AlertingConfigLoader(List<String> receivers) {
        this(receivers, name -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * @param receivers   the receivers {@code vigil.notify.receivers} enables: with the file's own receivers, the only
     *                    names a route may use; the root route without receivers sends to these
     * @param environment the environment variables the file's {@code ${NAME}} references read
     */
    public AlertingConfigLoader(List<String> receivers, Function<String, Optional<String>> environment) {
        if (receivers.isEmpty()) {
            throw new IllegalArgumentException("vigil.notify.receivers names no receiver");
        }
        this.receivers = List.copyOf(receivers);
        this.environment = environment;
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
        Map<String, ReceiverConfig> named = namedReceivers(root);
        return new AlertingConfig(lifecycle(root.child("lifecycle")), severity(root.child("severity")),
                route(root.child("route"), null, named), inhibitRules(root), silences(root), windows(root),
                List.copyOf(named.values()));
    }

    /**
     * The file's receivers: each a name and one or more integrations with their own settings; a secret only as an
     * environment reference, resolved here so a missing variable stops the start naming the key.
     */
    private Map<String, ReceiverConfig> namedReceivers(ConfigNode root) {
        Map<String, ReceiverConfig> named = new LinkedHashMap<>();
        for (ConfigNode node : root.items("receivers")) {
            String name = node.requiredString("name");
            if (!RECEIVER_NAME.matcher(name).matches()) {
                throw node.child("name").error("'" + name + "' is not a receiver name: letters, digits, '.' and '-'");
            }
            if (named.containsKey(name) || receivers.contains(name)) {
                throw node.child("name").error("receiver '" + name + "' is named twice"
                        + (receivers.contains(name) ? " (vigil.notify.receivers enables one of that name)" : ""));
            }
            Map<String, Map<String, String>> integrations = new TreeMap<>();
            for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
                if (entry.getKey().equals("name")) {
                    continue;
                }
                Set<String> keys = Integrations.KEYS.get(entry.getKey());
                if (keys == null) {
                    throw entry.getValue().error("is not an integration; known: " + new TreeSet<>(Integrations.KEYS.keySet()));
                }
                integrations.put(entry.getKey(), settings(entry.getValue(), keys));
            }
            if (integrations.isEmpty()) {
                throw node.error("receiver '" + name + "' needs at least one integration, e.g. slack: {channel: C0123}");
            }
            named.put(name, new ReceiverConfig(name, node.path(), integrations));
        }
        return named;
    }

    private Map<String, String> settings(ConfigNode integration, Set<String> keys) {
        if (!integration.present() || integration.isText() && integration.text().isEmpty()) {
            return Map.of(); // `console: {}`, or a kind whose settings all come from vigil.notify.<kind>.*
        }
        integration.onlyKeys(keys);
        Map<String, String> settings = new TreeMap<>();
        for (Map.Entry<String, ConfigNode> setting : integration.entries().entrySet()) {
            String key = setting.getKey();
            String value = setting.getValue().isList() ? String.join(",", integration.strings(key, List.of()))
                    : Integrations.DURATIONS.contains(key) ? integration.duration(key, Duration.ZERO).toString()
                    : setting.getValue().scalar();
            java.util.regex.Matcher reference = ENV_REFERENCE.matcher(value);
            if (reference.matches()) {
                String variable = reference.group(1);
                value = environment.apply(variable).orElseThrow(() -> setting.getValue().error(
                        "refers to the environment variable " + variable + ", which is not set"));
            } else if (Integrations.SECRETS.contains(key)) {
                throw setting.getValue().error("is a secret: give it as an environment reference such as ${TEAM_"
                        + key.toUpperCase(Locale.ROOT).replace('-', '_') + "}, never in the file");
            }
            settings.put(key, value);
        }
        return settings;
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

    private Route route(ConfigNode node, Route parent, Map<String, ReceiverConfig> named) {
        node.onlyKeys(ROUTE_KEYS);
        List<String> routeReceivers = parent != null && !node.has("receivers") ? parent.receivers()
                : addresses(node, parent == null ? receivers : List.of(), named);
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
            children.add(route(child, self, named));
        }
        return new Route(path, matchers, routeReceivers, groupBy, timing, self.continueMatching(), children);
    }

    /**
     * The delivery addresses of the receivers a route names: a receiver of {@code vigil.notify.receivers} is its own
     * address, one of the file has one per integration.
     */
    private List<String> addresses(ConfigNode node, List<String> fallback, Map<String, ReceiverConfig> named) {
        List<String> names = node.strings("receivers", fallback);
        if (names.isEmpty()) {
            throw node.child("receivers").error("must name at least one receiver");
        }
        List<String> addresses = new ArrayList<>();
        for (String name : names) {
            if (named.containsKey(name)) {
                addresses.addAll(named.get(name).addresses());
            } else if (receivers.contains(name)) {
                addresses.add(name);
            } else {
                throw node.child("receivers").error("receiver '" + name + "' is not enabled in vigil.notify.receivers "
                        + receivers + (named.isEmpty() ? "" : " nor named in receivers " + named.keySet()));
            }
        }
        return addresses;
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
