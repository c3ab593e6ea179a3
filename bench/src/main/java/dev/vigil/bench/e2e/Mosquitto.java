package dev.vigil.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Eclipse Mosquitto (Debian's {@code mosquitto} package) as a child process on a free loopback port, with room for a
 * large backlog per persistent session. The MQTT benchmark prefers it to the embedded HiveMQ CE: on this machine
 * HiveMQ CE takes QoS 1 messages at a few thousand per second whoever subscribes, so it, not the subscriber, would set
 * the figure; Mosquitto is the commonest broker in front of edge gateways.
 */
final class Mosquitto implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");

    private final Path folder;
    private final Path config;
    private final int port;
    private final String url;
    private Process process;

    private Mosquitto(Path folder, Path config, int port) {
        this.folder = folder;
        this.config = config;
        this.port = port;
        this.url = "tcp://127.0.0.1:" + port;
    }

    /** Started when installed ({@code apt-get install mosquitto}); empty otherwise. */
    static Optional<Mosquitto> startIfInstalled(Path folder, long maxQueuedMessages) throws IOException, InterruptedException {
        if (!Files.isExecutable(EXECUTABLE)) {
            return Optional.empty();
        }
        Mosquitto mosquitto = configured(folder, maxQueuedMessages, false);
        mosquitto.start();
        return Optional.of(mosquitto);
    }

    /**
     * A broker configured on a free port but not started ({@link #start()}). With {@code persistence}, it keeps its
     * sessions and their queued messages in {@code folder} across a restart (saved when it stops), as a broker
     * restarted by its operator does.
     */
    static Mosquitto configured(Path folder, long maxQueuedMessages, boolean persistence) throws IOException {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("mosquitto is not installed: apt-get install mosquitto");
        }
        Files.createDirectories(folder);
        int port = Ports.free();
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + (persistence ? "persistence true\npersistence_location " + folder.toAbsolutePath() + "/\n"
                        : "persistence false\n")
                + "max_queued_messages " + maxQueuedMessages + "\nmax_inflight_messages 0\n");
        return new Mosquitto(folder, config, port);
    }

    /** Starts it (again, on the same port) and waits until it listens. */
    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(EXECUTABLE.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("mosquitto.log").toFile()));
        if ("root".equals(System.getProperty("user.name"))) {
            // mosquitto drops root for its own user, which must be able to write the persistence file
            new ProcessBuilder("chown", "-R", "mosquitto", folder.toString()).inheritIO().start().waitFor();
        }
        process = builder.start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20); // waiting for another process to listen
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 10 s; see " + folder);
    }

    /** Stops it as its service manager would (SIGTERM: it saves its sessions and closes its clients' connections). */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        process = null;
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
