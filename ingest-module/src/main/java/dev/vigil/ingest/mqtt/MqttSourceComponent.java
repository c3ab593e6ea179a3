package dev.vigil.ingest.mqtt;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.TimeUtils;

/**
 * Vigil's MQTT 5 source as a Camel component:
 * {@code vigil-mqtt:<topic filter>?brokerUrl=...&clientId=...&sessionExpiryInterval=86400&receiveMaximum=1000&reconnectDelay=1s&maxReconnectDelay=30s}.
 * Its consumer ({@link MqttSourceConsumer}) keeps one persistent session ({@link MqttSession}: QoS 1, fixed client
 * id, {@code cleanStart=false}, the session expiry) and hands the route lists of {@link MqttReading}s, each
 * acknowledged to the broker once the route has processed it.
 * <p>
 * Why not Camel's {@code paho-mqtt5} consumer: it resubscribes from Paho's {@code connectComplete}, on Paho's callback
 * thread, which then waits for a SUBACK that Paho's receiver thread never reads once the session's backlog has filled
 * Paho's inbound queue (ingestion stopped for good after a broker restart under load); its start fails when the
 * broker is unreachable (Paho's automatic reconnect only retries after a first success, so Vigil did not start); it
 * connects before it sets its callback (a session's backlog, sent right after CONNACK, was acknowledged and dropped);
 * it processes each reading on the callback thread, one exchange each; and it tells nothing of its connection.
 * Fixing that meant replacing its start, its callback, its reconnect and its acknowledgement: all of it, so the
 * session here is Vigil's own, a small class on the Paho client with nothing else to accommodate.
 */
@Singleton
@Named(MqttSourceComponent.SCHEME)
public class MqttSourceComponent extends DefaultComponent {

    public static final String SCHEME = "vigil-mqtt";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MqttSessionSettings settings = new MqttSessionSettings(
                required(parameters, "brokerUrl"),
                required(parameters, "clientId"),
                remaining,
                getAndRemoveParameter(parameters, "sessionExpiryInterval", Long.class, 86_400L),
                getAndRemoveParameter(parameters, "receiveMaximum", Integer.class, 1000),
                duration(parameters, "reconnectDelay", "1s"),
                duration(parameters, "maxReconnectDelay", "30s"));
        return new MqttSourceEndpoint(uri, this, settings);
    }

    private String required(Map<String, Object> parameters, String name) {
        String value = getAndRemoveParameter(parameters, name, String.class);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(SCHEME + " needs the parameter " + name);
        }
        return value;
    }

    private Duration duration(Map<String, Object> parameters, String name, String defaultValue) {
        return TimeUtils.toDuration(getAndRemoveParameter(parameters, name, String.class, defaultValue));
    }
}
