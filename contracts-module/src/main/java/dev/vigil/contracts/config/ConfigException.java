package dev.vigil.contracts.config;

/** A detector configuration that cannot be used: the message names the file, the key and the reason. */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String origin, String key, String reason) {
        super(origin + ": " + (key.isEmpty() ? "" : key + ": ") + reason);
        this.key = key;
    }

    /** The dotted path of the offending key, e.g. {@code detectors.host-health.scorers.z.threshold}. */
    public String key() {
        return key;
    }
}
