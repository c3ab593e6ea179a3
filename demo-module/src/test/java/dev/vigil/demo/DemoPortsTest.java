package dev.vigil.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoPortsTest {

    @Test
    void aTakenPortStopsTheStartNamingItAndTheVariableThatMovesIt() throws IOException {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("127.0.0.1", 0)); // another program, listening on loopback only
            int taken = other.getLocalPort();

            // the port right above the taken one is the Kafka broker's: the advice skips it
            assertThatThrownBy(() -> DemoPorts.checkFree(List.of(new DemoPorts.Port("Kafka broker", taken + 1, "VIGIL_DEMO_KAFKA_PORT"),
                    new DemoPorts.Port("MQTT broker", taken, "VIGIL_DEMO_MQTT_PORT"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("The demo's MQTT broker needs port " + taken + ", which another program is using:"
                            + " stop that program, or choose another port, e.g. VIGIL_DEMO_MQTT_PORT=")
                    .hasMessageEndingWith(" ./vigil demo")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("VIGIL_DEMO_MQTT_PORT=" + (taken + 1) + " "));
        }
    }

    @Test
    void freePortsPass() throws IOException {
        int free;
        try (ServerSocket spare = new ServerSocket(0)) {
            free = spare.getLocalPort();
        }
        assertThatCode(() -> DemoPorts.checkFree(List.of(new DemoPorts.Port("MQTT broker", free, "VIGIL_DEMO_MQTT_PORT"))))
                .doesNotThrowAnyException();
        assertThat(DemoPorts.free(free)).isTrue();
    }
}
