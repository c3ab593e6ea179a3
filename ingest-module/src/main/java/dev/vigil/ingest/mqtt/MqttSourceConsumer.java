package dev.vigil.ingest.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Consumes one MQTT session ({@link MqttSession}) on a thread of its own: takes what the session has queued, up to
 * {@value #BATCH} readings, hands them to the route as one exchange (a {@code List<MqttReading>}), waits for the
 * route to finish, and only then acknowledges them to the broker. Whatever the route does synchronously (parsing,
 * windows, anything after) is done before the broker forgets a reading. Starting never waits for the broker.
 */
public class MqttSourceConsumer extends DefaultConsumer {

    static final int BATCH = 500;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private volatile MqttSession session;
    private volatile boolean running;
    private Thread worker;

    MqttSourceConsumer(MqttSourceEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public MqttSourceEndpoint getEndpoint() {
        return (MqttSourceEndpoint) super.getEndpoint();
    }

    /** Where the link to the broker stands (stopped while the route is). */
    public MqttLinkState link() {
        MqttSession current = session;
        return current != null ? current.state()
                : new MqttLinkState(getEndpoint().settings().brokerUrl(), false, false, Instant.now(), "stopped");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        MqttSession started = new MqttSession(getEndpoint().settings(), Clock.systemUTC());
        session = started;
        running = true;
        worker = new Thread(() -> handOn(started), "vigil-mqtt-route " + getEndpoint().settings().clientId());
        worker.start();
        started.open();
    }

    private void handOn(MqttSession from) {
        while (running) {
            try {
                MqttSession.Batch batch = from.next(BATCH, POLL);
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * A failure the route did not handle (its own error handling dead-letters bad readings) is reported to Camel's
     * exception handler and the readings acknowledged all the same: left unacknowledged they would hold the broker's
     * window of unacknowledged readings until the next reconnect, and the source would stall.
     */
    private void process(MqttSession.Batch batch) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(batch.readings());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("MQTT readings not processed", exchange, exchange.getException());
            }
            batch.acknowledge();
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Lets the batch in hand finish and be acknowledged, then disconnects (the broker keeps the session). */
    @Override
    protected void doStop() throws Exception {
        running = false;
        MqttSession stopping = session;
        if (stopping != null) {
            stopping.stopHandingOn();
            worker.join(STOP_TIMEOUT.toMillis());
            if (worker.isAlive()) {
                worker.interrupt();
            }
            stopping.close();
            session = null;
        }
        super.doStop();
    }
}
