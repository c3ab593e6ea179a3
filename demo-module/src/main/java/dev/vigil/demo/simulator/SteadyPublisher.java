package dev.vigil.demo.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Sensors publishing readings at a steady rate on a thread of their own, as field devices do: each reading a JSON
 * {@code {"value":...,"ts":...}} stamped when it is made, at QoS 1, counted as published once the broker acknowledged
 * it (PUBACK); while the broker is away the same reading is tried again until it is taken, and the readings due
 * meanwhile follow as fast as the broker takes them. The fault tests and {@code bench/faults.sh} publish with it.
 */
public final class SteadyPublisher implements AutoCloseable {

    private static final long RETRY_PAUSE_MS = 100;

    private final String brokerUrl;
    private final String topicPrefix;
    private final int devices;
    private final double perSecond;
    private final MqttClient client;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private SteadyPublisher(String brokerUrl, String topicPrefix, int devices, double perSecond) throws MqttException {
        this.brokerUrl = brokerUrl;
        this.topicPrefix = topicPrefix;
        this.devices = devices;
        this.perSecond = perSecond;
        this.client = new MqttClient(brokerUrl, "steady-publisher-" + System.nanoTime(), new MemoryPersistence());
        client.setTimeToWait(5000);
        this.thread = new Thread(this::run, "steady-publisher");
    }

    /**
     * Starts publishing {@code perSecond} readings, spread over {@code devices} sensors whose topics are
     * {@code <topicPrefix>dev-<n>/temperature} (the topic names the metric).
     */
    public static SteadyPublisher start(String brokerUrl, String topicPrefix, int devices, double perSecond)
            throws MqttException {
        SteadyPublisher publisher = new SteadyPublisher(brokerUrl, topicPrefix, devices, perSecond);
        publisher.thread.start();
        return publisher;
    }

    /** Readings the broker has acknowledged so far. */
    public long published() {
        return published.get();
    }

    /** Publish attempts that failed (the broker was away) and were tried again. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    private void run() {
        long start = System.nanoTime();
        while (running) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            while (running && published.get() < due) {
                publishUntilTaken(published.get());
            }
            pause(5); // pacing the next reading, not waiting for anything
        }
    }

    private void publishUntilTaken(long n) {
        byte[] payload = String.format(Locale.ROOT, "{\"value\":%.3f,\"ts\":\"%s\"}", 20 + (n % 7) * 0.1, Instant.now())
                .getBytes(StandardCharsets.UTF_8);
        String topic = topicPrefix + "dev-" + (n % devices) + "/temperature";
        while (running) {
            try {
                if (!client.isConnected()) {
                    MqttConnectionOptions options = new MqttConnectionOptions();
                    options.setCleanStart(true);
                    options.setConnectionTimeout(5);
                    client.connect(options);
                }
                client.publish(topic, payload, 1, false);
                published.incrementAndGet();
                return;
            } catch (MqttException e) {
                failedAttempts.incrementAndGet();
                pause(RETRY_PAUSE_MS);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops publishing (a reading being tried is given up, not counted) and disconnects. */
    @Override
    public void close() throws Exception {
        running = false;
        thread.join(30_000);
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
