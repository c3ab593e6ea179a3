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
 * persistent sessions and queued QoS 1 messages across restarts, also of the same instance: {@link #down()} stops it
 * (its clients are disconnected, its port closes) and {@link #up()} starts it again on the same port, as a broker
 * restarted by its operator would be. HiveMQ denies every client unless an extension
 * authenticates it; the embedded extension here lets every local client in, which is fit for a demo on loopback
 * and for tests, and nothing else.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    /** HiveMQ's own default queue per persistent session. */
    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 1000;

    private final Path conf;
    private final Path data;
    private final Path extensions;
    private final String url;
    /** The running broker, null while down: HiveMQ CE cannot start a stopped instance again, so each start builds one. */
    private EmbeddedHiveMQ hivemq;

    private EmbeddedMqttBroker(Path conf, Path data, Path extensions, String url) {
        this.conf = conf;
        this.data = data;
        this.extensions = extensions;
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
        EmbeddedMqttBroker broker = create(port, folder, maxQueuedMessages);
        broker.up();
        return broker;
    }

    /** A broker configured on {@code port} but not started yet ({@link #up()}). */
    public static EmbeddedMqttBroker create(int port, Path folder, long maxQueuedMessages) throws Exception {
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
        return new EmbeddedMqttBroker(conf, data, extensions, "tcp://127.0.0.1:" + port);
    }

    /** Starts the broker, or starts it again after {@link #down()}; nothing when it runs. */
    public synchronized void up() throws Exception {
        if (hivemq != null) {
            return;
        }
        EmbeddedHiveMQ started = EmbeddedHiveMQ.builder()
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
        try {
            started.start().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            started.close();
            throw e;
        }
        hivemq = started;
    }

    /** Stops the broker (its clients are disconnected; sessions and queued messages stay in its data folder). */
    public synchronized void down() throws Exception {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } finally {
            hivemq.close();
            hivemq = null;
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        down();
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
