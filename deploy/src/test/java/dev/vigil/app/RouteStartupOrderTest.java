package dev.vigil.app;

import java.util.Comparator;
import java.util.List;

import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.sparkplug.SparkplugEndpoints;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RouteStartupOrder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route that consumes an internal endpoint was up before any source started, so a source with a backlog (a
 * persistent MQTT session queued while Vigil was down, a full Kafka topic) can hand on its first events at once. Before,
 * the MQTT source started first and Paho delivered the backlog on the thread still starting Camel: each reading waited
 * for the direct component's timeout (30 s) and went to the dead letters.
 */
@QuarkusTest
class RouteStartupOrderTest {

    @Inject
    CamelContext camel;

    @Test
    void internalEndpointsHaveTheirConsumersBeforeAnySourceStarts() {
        List<String> started = camel.getCamelContextExtension().getRouteStartupOrder().stream()
                .sorted(Comparator.comparingInt(RouteStartupOrder::getStartupOrder))
                .map(r -> r.getRoute().getEndpoint().getEndpointUri())
                .toList();

        List<String> internal = List.of(IngestEndpoints.DEAD_LETTERS, IngestEndpoints.READINGS,
                IngestEndpoints.OBSERVATIONS, IngestEndpoints.LOG_EVENTS, IngestEndpoints.USER_EVENTS,
                IngestEndpoints.LOG_LINES, IngestEndpoints.USER_EVENT_ITEMS, SparkplugEndpoints.EDGE_STATUS).stream()
                .map(uri -> uri.replace("direct:", "direct://")).toList();
        assertThat(started).containsAll(internal);
        int lastInternal = internal.stream().mapToInt(started::indexOf).max().orElseThrow();
        int firstSource = started.stream().filter(RouteStartupOrderTest::isSource).mapToInt(started::indexOf).min()
                .orElseThrow();
        assertThat(started).anyMatch(uri -> uri.startsWith("vigil-mqtt:")).anyMatch(uri -> uri.startsWith("kafka:"));
        assertThat(lastInternal).as("the last internal consumer starts before the first source, in %s", started)
                .isLessThan(firstSource);
    }

    private static boolean isSource(String uri) {
        return uri.startsWith("vigil-mqtt:") || uri.startsWith("kafka:") || uri.startsWith("file:");
    }
}
