package dev.vigil.ingest.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;
import org.jboss.logging.Logger;

/**
 * One persistent MQTT 5 session (QoS 1, fixed client id, {@code cleanStart=false}, a session expiry), kept up by a
 * thread of its own, whose readings wait in a bounded queue until whoever hands them on takes them ({@link #next})
 * and are acknowledged to the broker only once that one has processed them ({@link Batch#acknowledge}).
 * <ul>
 * <li>Paho's callback thread does nothing but put a reading in the queue. The broker sends at most
 * {@code receiveMaximum} unacknowledged readings at a time (MQTT 5 Receive Maximum) and the queue holds twice that,
 * so the callback does not wait; if it ever did, it would wait for the route, never for the network.</li>
 * <li>Connecting, subscribing and reconnecting happen on the session's own thread, never on Paho's: a subscribe
 * waits for its SUBACK, which Paho's receiver thread reads only while the callback thread takes what it receives.
 * Subscribing from the callback thread while a session's backlog arrived is what deadlocked Camel's consumer.</li>
 * <li>The first connection attempt fails like any later one: the session keeps trying, with back-off, from the start
 * (Paho's automatic reconnect only retries after a first success). Each connection is a new Paho client whose
 * callback is set before it connects, so a backlog sent right after CONNACK is received, not dropped.</li>
 * <li>The subscription is made on the first connection and again whenever the broker says it has no session for the
 * client id; a session it kept carries its subscription and its queued readings.</li>
 * <li>Readings received on a connection that was lost before they were acknowledged wait for the next connection:
 * when the broker kept the session it sends them again and the copies in hand are dropped; when it did not, they
 * are handed on (nothing is left to acknowledge them to).</li>
 * </ul>
 * A disconnect is logged once with its cause, the reconnect once; the attempts between are logged at debug level.
 */
public final class MqttSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MqttSession.class);
    private static final long OPERATION_TIMEOUT_MS = 30_000;
    private static final int CONNECTION_TIMEOUT_SECONDS = 10;
    /** Retained readings only for a new subscription: a resubscribe would otherwise bring them again. */
    private static final int RETAIN_HANDLING_IF_NEW = 1;

    /** What becomes of a reading received on a given connection. */
    private enum Fate { HAND_ON_AND_ACKNOWLEDGE, HAND_ON, DROP }

    private final MqttSessionSettings settings;
    private final BlockingQueue<Delivery> queue;
    private final ScheduledExecutorService connector;
    private final Backoff backoff;
    private final Clock clock;
    private final Object lock = new Object();

    // guarded by lock
    private Connection current;
    private boolean closed;
    private boolean handingOn = true;

    // the connector thread's own
    private long connections;
    private boolean everConnected;
    private boolean subscribedOnce;
    private boolean outageLogged;
    private int failedAttempts;
    private volatile Instant downSince;

    private volatile MqttLinkState state;

    public MqttSession(MqttSessionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(2 * settings.receiveMaximum());
        this.backoff = new Backoff(settings.reconnectDelay(), settings.maxReconnectDelay());
        this.connector = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vigil-mqtt-connect " + settings.clientId());
            thread.setDaemon(true);
            return thread;
        });
        this.downSince = clock.instant();
        this.state = new MqttLinkState(settings.brokerUrl(), false, false, downSince, "connecting");
    }

    /** Starts connecting, on the session's own thread: returns at once, whether the broker is there or not. */
    public void open() {
        connector.execute(this::connect);
    }

    public MqttLinkState state() {
        return state;
    }

    /**
     * Waits up to {@code wait} for a reading, then takes it and those queued behind it, up to {@code max}. Readings
     * of a connection that was lost wait here for the next connection (see the class comment). Empty when nothing
     * came, or once {@link #stopHandingOn} was called.
     */
    public Batch next(int max, Duration wait) throws InterruptedException {
        Delivery first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return Batch.EMPTY;
        }
        List<Delivery> taken = new ArrayList<>(Math.min(max, queue.size() + 1));
        taken.add(first);
        queue.drainTo(taken, max - 1);
        List<MqttReading> readings = new ArrayList<>(taken.size());
        List<Delivery> toAcknowledge = new ArrayList<>(taken.size());
        Connection of = null;
        Fate fate = null;
        int dropped = 0;
        for (Delivery delivery : taken) {
            if (delivery.connection() != of) {
                of = delivery.connection();
                fate = fate(of);
                if (fate == null) {
                    return Batch.EMPTY; // stopping: unacknowledged, so the broker sends them to the next session
                }
            }
            switch (fate) {
                case HAND_ON_AND_ACKNOWLEDGE -> {
                    readings.add(delivery.reading());
                    toAcknowledge.add(delivery);
                }
                case HAND_ON -> readings.add(delivery.reading());
                case DROP -> dropped++;
            }
        }
        if (dropped > 0) {
            LOG.debugf("Dropped %d readings of a lost MQTT connection: the broker kept the session and sends them again",
                    dropped);
        }
        return new Batch(readings, toAcknowledge);
    }

    /** Wakes and ends every wait in {@link #next}: the one handing readings on is stopping. */
    public void stopHandingOn() {
        synchronized (lock) {
            handingOn = false;
            lock.notifyAll();
        }
    }

    /**
     * Disconnects (a normal DISCONNECT: the broker keeps the session and queues what is published until the next
     * start) and stops reconnecting. Readings still queued here were not acknowledged: the broker sends them again.
     */
    @Override
    public void close() {
        Connection last;
        synchronized (lock) {
            closed = true;
            handingOn = false;
            last = current;
            current = null;
            lock.notifyAll();
        }
        connector.shutdownNow();
        try {
            if (!connector.awaitTermination(OPERATION_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warnf("The MQTT connector of %s did not stop within %d ms", settings.clientId(), OPERATION_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last != null) {
            last.close();
        }
        queue.clear();
        state = new MqttLinkState(settings.brokerUrl(), false, false, clock.instant(), "stopped");
    }

    private Fate fate(Connection of) throws InterruptedException {
        synchronized (lock) {
            while (handingOn) {
                if (current == of) {
                    return Fate.HAND_ON_AND_ACKNOWLEDGE;
                }
                if (current != null && current.number > of.number) {
                    return current.sessionPresent ? Fate.DROP : Fate.HAND_ON;
                }
                lock.wait(); // its connection is gone and the next one not there yet, or it is not in place yet
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------- connector thread

    private void connect() {
        Connection connection = null;
        try {
            connection = new Connection(++connections);
            IMqttToken connected = connection.client.connect(options());
            connected.waitForCompletion(OPERATION_TIMEOUT_MS);
            connection.sessionPresent = connected.getSessionPresent();
            synchronized (lock) {
                if (closed) {
                    connection.close();
                    return;
                }
                current = connection;
                lock.notifyAll();
            }
            state = new MqttLinkState(settings.brokerUrl(), true, false, clock.instant(), "subscribing");
            if (!subscribedOnce || !connection.sessionPresent) {
                subscribe(connection);
            }
        } catch (MqttException e) {
            failed(connection, describe(e));
            return;
        }
        connectedAndSubscribed(connection);
    }

    private void subscribe(Connection connection) throws MqttException {
        MqttSubscription subscription = new MqttSubscription(settings.topic(), MqttSessionSettings.QOS);
        subscription.setRetainHandling(RETAIN_HANDLING_IF_NEW);
        IMqttToken subscribed = connection.client.subscribe(new MqttSubscription[] { subscription }, null, null,
                new MqttProperties());
        subscribed.waitForCompletion(OPERATION_TIMEOUT_MS);
        int[] codes = subscribed.getReasonCodes();
        if (codes == null || codes.length == 0 || codes[0] >= 0x80) {
            throw new MqttException(codes == null || codes.length == 0 ? MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR
                    : codes[0]);
        }
        subscribedOnce = true;
    }

    private void connectedAndSubscribed(Connection connection) {
        Instant now = clock.instant();
        if (!everConnected) {
            everConnected = true;
            LOG.infof("MQTT source connected to %s as %s, subscribed to %s (session present: %s%s)", settings.brokerUrl(),
                    settings.clientId(), settings.topic(), connection.sessionPresent,
                    failedAttempts == 0 ? "" : "; after " + failedAttempts + " failed attempts");
        } else {
            LOG.infof("MQTT source reconnected to %s after %.1f s down (%d failed attempts; session present: %s)",
                    settings.brokerUrl(), Duration.between(downSince, now).toMillis() / 1e3, failedAttempts,
                    connection.sessionPresent);
            if (!connection.sessionPresent && subscribedOnce) {
                LOG.warnf("The MQTT broker %s had no session for %s any more: what was published to it while Vigil was "
                        + "away is not coming (did the broker restart without persistence?)", settings.brokerUrl(),
                        settings.clientId());
            }
        }
        state = new MqttLinkState(settings.brokerUrl(), true, true, now, null);
        backoff.reset();
        failedAttempts = 0;
        outageLogged = false;
    }

    private void failed(Connection connection, String cause) {
        if (connection != null) {
            synchronized (lock) {
                if (current == connection) {
                    current = null;
                }
            }
            connection.close();
            if (!connection.retrying.compareAndSet(false, true)) {
                return; // its loss was noticed first, and the next attempt is scheduled
            }
        }
        failedAttempts++;
        state = new MqttLinkState(settings.brokerUrl(), false, false, downSince, cause);
        Duration delay = backoff.next();
        if (!outageLogged) {
            outageLogged = true;
            LOG.warnf("MQTT broker %s unreachable (%s): Vigil runs on and keeps trying (every %d s at most); readiness is "
                    + "DOWN until it is connected", settings.brokerUrl(), cause, settings.maxReconnectDelay().toSeconds());
        } else {
            LOG.debugf("MQTT connection attempt %d to %s failed (%s); next in %s", failedAttempts, settings.brokerUrl(),
                    cause, delay);
        }
        scheduleConnect(delay);
    }

    /** On a Paho thread: note the loss and leave the rest to the connector thread. */
    private void lost(Connection connection, String cause) {
        connection.gone = true;
        synchronized (lock) {
            if (closed || current != connection) {
                return; // an earlier connection, or our own disconnect
            }
            current = null;
        }
        Instant now = clock.instant();
        downSince = now;
        state = new MqttLinkState(settings.brokerUrl(), false, false, now, cause);
        LOG.warnf("MQTT connection to %s lost (%s): reconnecting; the broker keeps the session's readings meanwhile",
                settings.brokerUrl(), cause);
        if (!connection.retrying.compareAndSet(false, true)) {
            return; // the connector saw it fail first, and scheduled the next attempt
        }
        try {
            connector.execute(() -> {
                connection.close();
                outageLogged = true;
                scheduleConnect(backoff.next());
            });
        } catch (RejectedExecutionException closing) {
            connection.close();
        }
    }

    private void scheduleConnect(Duration delay) {
        try {
            connector.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: no more attempts
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setReceiveMaximum(settings.receiveMaximum());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
        return options;
    }

    private static String describe(MqttException e) {
        Throwable cause = e.getCause();
        return e.getMessage() + " (" + e.getReasonCode() + ")"
                + (cause == null ? "" : ": " + cause.getClass().getSimpleName() + " " + cause.getMessage());
    }

    private static String describe(MqttDisconnectResponse response) {
        if (response.getException() != null) {
            return describe(response.getException());
        }
        return "the broker disconnected, reason code " + response.getReturnCode()
                + (response.getReasonString() == null ? "" : " (" + response.getReasonString() + ")");
    }

    // ------------------------------------------------------------------------------------------- one connection

    /** One reading in hand, with the connection it came on and what acknowledges it there. */
    private record Delivery(Connection connection, MqttReading reading, int messageId, int qos) {
    }

    /** What {@link #next} took: the readings to hand on, and their acknowledgement once they were processed. */
    public static final class Batch {

        static final Batch EMPTY = new Batch(List.of(), List.of());

        private final List<MqttReading> readings;
        private final List<Delivery> toAcknowledge;

        private Batch(List<MqttReading> readings, List<Delivery> toAcknowledge) {
            this.readings = readings;
            this.toAcknowledge = toAcknowledge;
        }

        public List<MqttReading> readings() {
            return readings;
        }

        public boolean isEmpty() {
            return readings.isEmpty() && toAcknowledge.isEmpty();
        }

        /**
         * Acknowledges, in the order received, the readings whose connection is still open (PUBACK); those of a
         * connection lost meanwhile are sent again by the broker.
         */
        public void acknowledge() {
            for (Delivery delivery : toAcknowledge) {
                delivery.connection().acknowledge(delivery.messageId(), delivery.qos());
            }
        }
    }

    /** One Paho client, connected once: its callback only queues. */
    private final class Connection implements MqttCallback {

        private final long number;
        private final MqttAsyncClient client;
        private volatile boolean sessionPresent;
        private volatile boolean gone;
        /** Set by whoever schedules the attempt after this connection, the loss callback or a failed subscribe. */
        private final AtomicBoolean retrying = new AtomicBoolean();

        Connection(long number) throws MqttException {
            this.number = number;
            this.client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(this); // before connecting: the broker sends the session's backlog right after CONNACK
        }

        /**
         * Queues the reading. The queue has room for two connections' worth of unacknowledged readings, so this does
         * not wait; should it, it gives up once this connection is gone (the reading was never acknowledged, so a
         * broker that kept the session sends it again), so that closing this client never waits for it.
         */
        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            Delivery delivery = new Delivery(this, new MqttReading(topic, message.getPayload()), message.getId(),
                    message.getQos());
            while (!queue.offer(delivery, 200, TimeUnit.MILLISECONDS)) {
                if (gone) {
                    return;
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lost(this, describe(response));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.debugf("MQTT error on %s: %s", settings.brokerUrl(), describe(exception));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the session only subscribes
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the connector thread goes on from the connect token
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }

        void acknowledge(int messageId, int qos) {
            if (qos == 0) {
                return;
            }
            try {
                client.messageArrivedComplete(messageId, qos);
            } catch (MqttException | RuntimeException e) {
                LOG.debugf("Could not acknowledge MQTT message %d (%s): the broker sends it again", messageId,
                        e.getMessage());
            }
        }

        void close() {
            gone = true;
            try {
                if (client.isConnected()) {
                    client.disconnect(0).waitForCompletion(OPERATION_TIMEOUT_MS);
                }
            } catch (MqttException | RuntimeException e) {
                LOG.debugf("MQTT disconnect from %s: %s", settings.brokerUrl(), e.getMessage());
            }
            try {
                client.close(true);
            } catch (MqttException | RuntimeException e) {
                LOG.debugf("MQTT client close: %s", e.getMessage());
            }
        }
    }
}
