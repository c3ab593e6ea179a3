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

    private final Process process;
    private final String url;

    private Mosquitto(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Started when installed ({@code apt-get install mosquitto}); empty otherwise. */
    static Optional<Mosquitto> startIfInstalled(Path folder, long maxQueuedMessages) throws IOException, InterruptedException {
        if (!Files.isExecutable(EXECUTABLE)) {
            return Optional.empty();
        }
        Files.createDirectories(folder);
        int port = Ports.free();
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_queued_messages " + maxQueuedMessages + "\nmax_inflight_messages 0\n");
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("mosquitto.log").toFile()).start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return Optional.of(new Mosquitto(process, "tcp://127.0.0.1:" + port));
            } catch (IOException notYet) {
                Thread.sleep(20); // waiting for another process to listen
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 10 s; see " + folder);
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
