package dev.vigil.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The MQTT side of the end-to-end benchmark, on one broker, with Paho MQTT 5 (the client Vigil's route uses). A
 * subscriber's ingest rate is measured on a backlog: its persistent session (fixed client id, QoS 1, no clean start)
 * is made first, the readings are queued for it by the broker while it is away, and the rate is how fast it drains
 * them once it connects, so the publisher's own speed does not enter the figure. The same backlog is drained by a
 * plain Paho subscriber (the raw ceiling) and by Vigil.
 */
final class MqttBench {

    static final String TOPIC_PREFIX = "vigil/sensors/";

    private final String url;
    private final Random random = new Random(42);

    MqttBench(String url) {
        this.url = url;
    }

    /** Makes (or keeps) the persistent session of {@code clientId} with its QoS 1 subscription, then leaves. */
    void session(String clientId) throws MqttException {
        MqttAsyncClient client = connect(clientId, false, null);
        client.subscribe(TOPIC_PREFIX + "#", 1).waitForCompletion(10_000);
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    /**
     * Publishes {@code count} readings at QoS 1 as fast as the broker acknowledges them (as many in flight as it
     * allows), of {@code sensors} sensors, their event time starting three hours ago and {@code spacing} apart.
     */
    void publishBacklog(long count, int sensors, Duration spacing) throws Exception {
        Instant t0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        MqttAsyncClient publisher = connect("bench-publisher-" + System.nanoTime(), true, null);
        Semaphore inFlight = new Semaphore(10); // within any broker's default receive maximum
        AtomicLong failed = new AtomicLong();
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failed.incrementAndGet();
                inFlight.release();
            }
        };
        for (long i = 0; i < count; i++) {
            inFlight.acquire();
            publish(publisher, i, sensors, t0.plus(spacing.multipliedBy(i)), release);
        }
        inFlight.acquire(10);
        publisher.disconnect().waitForCompletion(10_000);
        publisher.close();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " QoS 1 publishes failed");
        }
    }

    /** Publishes readings stamped with the time they are sent at {@code perSecond} for {@code duration}. */
    long paced(int sensors, double perSecond, Duration duration) throws Exception {
        MqttAsyncClient publisher = connect("bench-paced-" + System.nanoTime(), true, null);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (long) ((now - start) / 1e9 * perSecond);
            for (; sent < due; sent++) {
                publish(publisher, sent, sensors, Instant.now(), null).waitForCompletion(10_000);
            }
            LockSupport.parkNanos(1_000_000);
        }
        publisher.disconnect().waitForCompletion(10_000);
        publisher.close();
        return sent;
    }

    /**
     * A plain Paho MQTT 5 subscriber resumes the session of {@code clientId} and counts what arrives (each message
     * acknowledged as Paho does, when the callback returns) until it has {@code count}; its rate over the stretch.
     */
    double rawRate(String clientId, long count) throws Exception {
        Stretch stretch = new Stretch(count / 5, count);
        AtomicLong received = new AtomicLong();
        Object done = new Object();
        MqttAsyncClient client = connect(clientId, false, new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (message.getPayload().length == 0) {
                    throw new IllegalStateException("empty reading on " + topic);
                }
                long n = received.incrementAndGet();
                synchronized (done) {
                    stretch.progress(System.nanoTime(), n);
                    if (stretch.done()) {
                        done.notifyAll();
                    }
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        synchronized (done) {
            while (!stretch.done() && System.nanoTime() < deadline) {
                done.wait(1000);
            }
        }
        client.disconnect().waitForCompletion(10_000);
        client.close();
        return stretch.perSecond();
    }

    private IMqttToken publish(MqttAsyncClient publisher, long i, int sensors, Instant at, MqttActionListener listener)
            throws MqttException {
        long sensor = i % sensors;
        String payload = String.format(Locale.ROOT, "{\"metric\":\"temperature\",\"value\":%.3f,\"ts\":\"%s\"}",
                20 + sensor % 60 + random.nextGaussian(), at);
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        return publisher.publish(TOPIC_PREFIX + "site-" + sensor / 100 + "/dev-" + sensor, message, null, listener);
    }

    private MqttAsyncClient connect(String clientId, boolean cleanStart, MqttCallback callback) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        if (callback != null) {
            client.setCallback(callback);
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(30_000);
        return client;
    }
}
