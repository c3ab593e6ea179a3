package dev.vigil.alerting;

/** Where alerts enter notification. Body: an {@link Alert}, firing or resolved. Asynchronous, so sources never wait on receivers. */
public final class AlertingEndpoints {

    public static final String ALERTS = "seda:vigil-alerts?size=10000&blockWhenFull=true";

    private AlertingEndpoints() {
    }
}
