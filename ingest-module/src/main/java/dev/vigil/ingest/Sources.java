package dev.vigil.ingest;

/** Names of the built-in sources, as they appear in events, metrics tags and alerts. */
public final class Sources {

    public static final String MQTT = "mqtt";
    public static final String KAFKA = "kafka";
    public static final String FILE = "file";
    /** Sparkplug B edge nodes over MQTT. */
    public static final String SPARKPLUG = "sparkplug";
    /** Prometheus servers' remote write ({@code POST /api/v1/write}). */
    public static final String PROMETHEUS = "prometheus";
    /** OpenTelemetry exporters and collectors (OTLP/HTTP at {@code /api/otlp/v1/metrics} and {@code /v1/logs}). */
    public static final String OTLP = "otlp";
    /** User and authentication events (their own Kafka topic). */
    public static final String USERS = "users";

    private Sources() {
    }
}
