package dev.vigil.app.health;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A readiness check on one source: UP with {@code enabled=false} when the source is off; DOWN with
 * {@code route=stopped} while its route does not run (a stopped source is not ready, whatever its client last knew);
 * otherwise what the running route's link to its broker says ({@link #link}).
 */
abstract class SourceReadiness implements HealthCheck {

    private final CamelContext camel;
    private final String name;
    private final String routeId;
    private final boolean enabled;

    SourceReadiness(CamelContext camel, String name, String routeId, boolean enabled) {
        this.camel = camel;
        this.name = name;
        this.routeId = routeId;
        this.enabled = enabled;
    }

    @Override
    public final HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named(name).withData("enabled", enabled);
        if (!enabled) {
            return check.up().build();
        }
        Route route = camel.getRoute(routeId);
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        if (route == null || status == null || !status.isStarted()) {
            return stopped(check);
        }
        return link(route, check);
    }

    /** The running route's link to its broker: its facts in {@code check}, UP when it is ready. */
    abstract HealthCheckResponse link(Route route, HealthCheckResponseBuilder check);

    static HealthCheckResponse stopped(HealthCheckResponseBuilder check) {
        return check.down().withData("route", "stopped").build();
    }
}
