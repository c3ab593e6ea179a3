package dev.vigil.alerting.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.contracts.Alert;

/**
 * A node of the routing tree. An alert enters a route whose matchers it satisfies; the first matching child takes it
 * (a child with {@code continue} lets later siblings match too); a route none of whose children matched handles the
 * alert itself. Children inherit receivers, grouping and timing unless they set their own.
 *
 * @param path      where the route is in the config ({@code route.routes[1]}), for logs and group keys
 * @param groupBy   labels whose values make a group; {@code ["..."]}: every label, i.e. one group per fingerprint
 * @param continueMatching whether later siblings are tried after this route matched
 */
public record Route(String path, Matchers matchers, List<String> receivers, List<String> groupBy, GroupTiming timing,
        boolean continueMatching, List<Route> routes) {

    /** Alertmanager's special group-by value: group by all labels, one group per alert. */
    public static final String ALL_LABELS = "...";

    public Route {
        receivers = List.copyOf(receivers);
        groupBy = List.copyOf(groupBy);
        routes = List.copyOf(routes);
    }

    /** The routes that handle an alert, in tree order; the root always matches. */
    public List<Route> match(Alert alert) {
        List<Route> handling = new ArrayList<>();
        collect(Matchers.labelsOf(alert), handling);
        return handling;
    }

    private boolean collect(Map<String, String> labels, List<Route> handling) {
        if (!matchers.matches(labels)) {
            return false;
        }
        boolean childMatched = false;
        for (Route child : routes) {
            if (child.collect(labels, handling)) {
                childMatched = true;
                if (!child.continueMatching) {
                    break;
                }
            }
        }
        if (!childMatched) {
            handling.add(this);
        }
        return true;
    }

    /** What alerts of one group share: the route and the values of its group-by labels (or the fingerprint). */
    public String groupKey(Alert alert) {
        if (groupBy.contains(ALL_LABELS)) {
            return path + "|" + alert.fingerprint();
        }
        Map<String, String> labels = Matchers.labelsOf(alert);
        StringJoiner key = new StringJoiner(",", path + "|{", "}");
        for (String name : groupBy) {
            key.add(name + "=" + labels.getOrDefault(name, ""));
        }
        return key.toString();
    }
}
