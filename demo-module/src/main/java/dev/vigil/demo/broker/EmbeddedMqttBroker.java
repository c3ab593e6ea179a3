package dev.vigil.demo.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * An MQTT 5 broker (HiveMQ Community Edition) in this JVM, listening on loopback only. Its data folder keeps
 * persistent sessions and queued QoS 1 messages across restarts. HiveMQ denies every client unless an extension
 * authenticates it; the embedded extension here lets every local client in, which is fit for a demo on loopback
 * and for tests, and nothing else.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    /** HiveMQ's own default queue per persistent session. */
    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 1000;

    private final EmbeddedHiveMQ hivemq;
    private final String url;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, String url) {
        this.hivemq = hivemq;
        this.url = url;
    }

    public static EmbeddedMqttBroker start(int port, Path folder) throws Exception {
        return start(port, folder, DEFAULT_MAX_QUEUED_MESSAGES);
    }

    /**
     * A broker that keeps up to {@code maxQueuedMessages} QoS 1 messages per persistent session while its client is
     * away (HiveMQ's default is {@value #DEFAULT_MAX_QUEUED_MESSAGES}; beyond, new ones are dropped): a benchmark
     * queues a backlog for a subscriber and measures how fast it is drained.
     */
    public static EmbeddedMqttBroker start(int port, Path folder, long maxQueuedMessages) throws Exception {
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Path data = Files.createDirectories(folder.resolve("data"));
        Path extensions = Files.createDirectories(folder.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                        </queued-messages>
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, maxQueuedMessages));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("vigil-allow-local").withName("Allow local clients").withVersion("1")
                        .withPriority(0).withStartPriority(1000).withAuthor("Vigil")
                        .withExtensionMain(new AllowLocalClients()).build())
                // Without this HiveMQ reconfigures logging for its own logback, which Quarkus' log manager is not.
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new EmbeddedMqttBroker(hivemq, "tcp://127.0.0.1:" + port);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
    }

    /** Authenticates every client. The listener binds to 127.0.0.1, so only this machine can connect. */
    static final class AllowLocalClients implements ExtensionMain {

        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            Services.securityRegistry().setAuthenticatorProvider(
                    providerInput -> (SimpleAuthenticator) (connect, result) -> result.authenticateSuccessfully());
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        }
    }
}
