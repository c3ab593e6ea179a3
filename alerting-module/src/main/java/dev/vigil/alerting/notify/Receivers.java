package dev.vigil.alerting.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;


/**
 * Every delivery address and the integration told there, each checked at start: the receivers
 * {@code vigil.notify.receivers} enables (address = the kind, e.g. {@code slack}, configured by
 * {@code vigil.notify.<kind>.*}) and the receivers the alerting file names (one address per integration,
 * {@code <receiver>/<kind>}, e.g. {@code db-team/slack}). An unknown name or an integration missing a setting stops
 * Vigil with the name and the key.
 */
public class Receivers {

    private final Map<String, Notifier> enabled;

    /**
     * @param notifiers  one of each kind, configured by {@code vigil.notify.<kind>.*}
     * @param names      {@code vigil.notify.receivers}
     * @param file       the receivers of the alerting file
     * @param properties the application's configuration, by property name: what an integration does not set itself
     * @param tools      what the file's integrations are made with
     */
    public Receivers(List<Notifier> notifiers, List<String> names, List<ReceiverConfig> file,
            Function<String, Optional<String>> properties, Integrations.Tools tools) {
        Map<String, Notifier> known = notifiers.stream().collect(Collectors.toMap(Notifier::name, Function.identity()));
        Map<String, Notifier> checked = new LinkedHashMap<>();
        for (String name : names.stream().map(String::strip).toList()) {
            Notifier notifier = known.get(name);
            if (notifier == null) {
                throw new IllegalStateException("vigil.notify.receivers names unknown receiver '" + name
                        + "'; known receivers: " + known.keySet());
            }
            notifier.misconfiguration().ifPresent(problem -> {
                throw new IllegalStateException(problem);
            });
            checked.put(name, notifier);
        }
        for (ReceiverConfig receiver : file) {
            receiver.integrations().forEach((kind, settings) -> {
                String where = receiver.path() + "." + kind + " (receiver '" + receiver.name() + "')";
                Notifier notifier;
                try {
                    notifier = Integrations.create(kind, settings, properties, tools);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(where + ": " + e.getMessage(), e);
                }
                notifier.misconfiguration().ifPresent(problem -> {
                    throw new IllegalStateException(where + ": " + problem + " (set it here or as the property)");
                });
                checked.put(ReceiverConfig.address(receiver.name(), kind), notifier);
            });
        }
        this.enabled = Map.copyOf(checked);
    }

    /** Every enabled integration, by its delivery address. */
    public Map<String, Notifier> enabled() {
        return enabled;
    }
}
