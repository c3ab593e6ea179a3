package dev.vigil.alerting;

import dev.vigil.contracts.Alert;

/**
 * Alerting's door and its inner hand-off. Everything outside alerting sends {@link #SCORES}; {@link #ALERTS} is
 * between alerting's own routes.
 */
public final class AlertingEndpoints {

    /**
     * The one door into alerting. Body: a {@code List<Score>}, each carrying what the lifecycle needs. Synchronous:
     * the lifecycle is cheap, and alerts it raises go on asynchronously.
     */
    public static final String SCORES = "direct:vigil-scores";

    /**
     * Where the lifecycle's alerts enter notification. Body: an {@link Alert}, firing or resolved. Asynchronous, so
     * detection never waits on the store or the receivers.
     */
    public static final String ALERTS = "seda:vigil-alerts?size=10000&blockWhenFull=true";

    private AlertingEndpoints() {
    }
}
