package dev.vigil.app.health;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

/** Whether a source's route runs: a stopped source is not ready, whatever its client last knew. */
final class SourceRoutes {

    private SourceRoutes() {
    }

    static boolean started(CamelContext camel, String routeId) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }
}
