package dev.vigil.alerting.notify;

import java.util.List;
import java.util.Map;

/**
 * A receiver named in the alerting file ({@code receivers:}): its name, where it is written (for messages), and its
 * integrations, each a kind ({@code slack}, {@code jira}, ...) with its own settings. Each integration is told on its
 * own, at the delivery address {@code <receiver>/<kind>} ({@link #address}).
 *
 * @param integrations kind → its settings as written (environment references already resolved)
 */
public record ReceiverConfig(String name, String path, Map<String, Map<String, String>> integrations) {

    public ReceiverConfig {
        integrations = Map.copyOf(integrations);
    }

    /** Where one integration of a receiver is told: the delivery log's address of it. */
    public static String address(String receiver, String kind) {
        return receiver + "/" + kind;
    }

    /** The delivery addresses of this receiver, one per integration, in a stable order. */
    public List<String> addresses() {
        return integrations.keySet().stream().sorted().map(kind -> address(name, kind)).toList();
    }
}
