package dev.vigil.demo.broker;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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
}
