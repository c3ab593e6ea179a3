package dev.vigil.alerting.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The receivers {@code vigil.notify.receivers} enables, by name, each checked at start: an unknown name or a
 * receiver missing a key stops Vigil with the name and the key.
 */
@ApplicationScoped
public class Receivers {

    private final Map<String, Notifier> enabled;

    @Inject
    public Receivers(Instance<Notifier> notifiers, @ConfigProperty(name = "vigil.notify.receivers") List<String> names) {
        this(notifiers.stream().toList(), names);
    }

    public Receivers(List<Notifier> notifiers, List<String> names) {
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
        this.enabled = Map.copyOf(checked);
    }

    /** Every enabled receiver, by its name. */
    public Map<String, Notifier> enabled() {
        return enabled;
    }
}
