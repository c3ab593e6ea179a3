package dev.vigil.demo.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka 4 broker in KRaft mode (broker and controller in one), in this JVM, on loopback. Its log
 * folder may outlive it: a restart on the same folder keeps topics and committed offsets.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Tries of {@link #startOnFreePorts}: a port found free may be taken by another process before the broker binds it. */
    private static final int FREE_PORT_TRIES = 3;

    static {
        // Kafka ends the process on a fatal fault of its controller (a port it cannot bind, among others); inside
        // Vigil's process, or a test's, that would end everything: the fault fails the broker's start instead
        Exit.setExitProcedure(EmbeddedKafkaBroker::refuseToEndTheProcess);
        Exit.setHaltProcedure(EmbeddedKafkaBroker::refuseToEndTheProcess);
    }

    private static void refuseToEndTheProcess(int code, String message) {
        throw new IllegalStateException("the embedded Kafka broker failed (Kafka asked to end the process with code "
                + code + (message == null ? "" : ": " + message) + ")");
    }

    /**
     * Starts a broker on free loopback ports, in a new log folder under {@code parent} per try, trying again on
     * other ports when one found free was taken before the broker could bind it.
     */
    public static EmbeddedKafkaBroker startOnFreePorts(Path parent) throws Exception {
        Exception last = null;
        for (int i = 0; i < FREE_PORT_TRIES; i++) {
            try {
                return start(freePort(), freePort(), Files.createTempDirectory(parent, "kafka-"));
            } catch (Exception e) {
                last = e;
            }
        }
        throw last;
    }

    /** Formats the log folder if it is new, starts the broker and waits until it answers. */
    public static EmbeddedKafkaBroker start(int port, int controllerPort, Path logDir) throws Exception {
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // A restart on the same folder waits for the previous incarnation's session to expire (9 s by default).
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("broker.session.timeout.ms", "1500"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1")));
        Path config = logDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            props.store(out, "written by Vigil's embedded Kafka broker");
        }
        int formatted = StorageTool.execute(new String[] { "format", "--ignore-formatted",
                "-t", clusterId(logDir), "-c", config.toString() }, quiet());
        if (formatted != 0) {
            throw new IllegalStateException("kafka storage format failed in " + logDir + " (exit " + formatted + ")");
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, "127.0.0.1:" + port);
        try {
            server.startup();
            try (Admin admin = broker.admin()) {
                admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception | Error e) {
            try {
                broker.close();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
        return broker;
    }

    /** The id the folder was formatted with, so a restart matches it; a new id for a new folder. */
    private static String clusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties formatted = new Properties();
            try (var in = Files.newBufferedReader(meta)) {
                formatted.load(in);
            }
            String id = formatted.getProperty("cluster.id");
            if (id != null) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates a topic unless it exists, and waits for it. */
    public void createTopic(String name, int partitions) throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** A free loopback port, for tests that need several brokers side by side. */
    public static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
