package dev.vigil.demo.broker;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo keeps its broker's folder between runs, so the second start must find what the first one left. */
class EmbeddedKafkaBrokerTest {

    @TempDir
    Path logDir;

    @Test
    void restartsOnItsOwnFolderAndKeepsTopics() throws Exception {
        int port = EmbeddedKafkaBroker.freePort();
        int controllerPort = EmbeddedKafkaBroker.freePort();
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(port, controllerPort, logDir)) {
            first.createTopic("kept", 1);
        }
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(port, controllerPort, logDir);
                Admin admin = second.admin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains("kept");
        }
    }

    @Test
    void aPortAnotherProcessHoldsFailsTheStartAndLeavesTheProcessRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Kafka ends the process when its controller cannot bind: this test's JVM would die here before
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.freePort(), taken.getLocalPort(),
                    logDir.resolve("taken"))).isInstanceOf(Exception.class);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startOnFreePorts(logDir)) {
            broker.createTopic("after", 1);
        }
    }
}
