package dev.vigil.features.logs.formats;

/** A log format file that cannot be used: the message names the file, the key and the reason. */
public final class FormatException extends IllegalArgumentException {

    private final String key;

    public FormatException(String origin, String key, String reason) {
        super(origin + ": " + (key.isEmpty() ? "" : key + ": ") + reason);
        this.key = key;
    }

    /** The dotted path of the offending key, e.g. {@code formats.acme.templates.similarity}. */
    public String key() {
        return key;
    }
}
