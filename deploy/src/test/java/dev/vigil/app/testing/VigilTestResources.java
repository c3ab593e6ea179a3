package dev.vigil.app.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every end-to-end test talks to, started once for the whole suite (and in parallel): an
 * in-process KRaft Kafka broker, an embedded HiveMQ CE MQTT 5 broker, a WireMock stub of Slack's incoming webhook,
 * and fresh folders for the inbox and the dead letters.
 */
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = MqttBrokerResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = WorkFoldersResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
public final class VigilTestResources {

    private VigilTestResources() {
    }
}
