package dev.vigil.ingest.mqtt;

import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.inject.Named;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5ComponentConfigurer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5EndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * camel-paho-mqtt5 whose consumer listens before it connects, registered under the component's own scheme
 * ({@code paho-mqtt5:}) so routes keep their URIs.
 * <p>
 * Camel 4.14's {@link PahoMqtt5Consumer} connects its client and only then sets the callback. A broker holding a
 * persistent session's backlog sends it right after CONNACK, and Paho acknowledges and drops every message that
 * arrives while no callback is set ({@code CommsCallback.deliverMessage}): readings queued while Vigil was away were
 * lost, more of them the busier the machine. Here the client opens its connection on the consumer's first subscribe,
 * which comes after the callback is in place. Producers and shared clients behave as in the plain component.
 */
@Singleton
@Named("paho-mqtt5")
public class ListenFirstMqtt5Component extends PahoMqtt5Component {

    private static final PropertyConfigurer COMPONENT_CONFIGURER = new PahoMqtt5ComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_CONFIGURER = new PahoMqtt5EndpointConfigurer();

    /** Camel finds a component's configurers by its class name: these subclasses use the plain component's. */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_CONFIGURER;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_CONFIGURER;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ListenFirstEndpoint endpoint = new ListenFirstEndpoint(uri, remaining, this, getConfiguration().copy());
        endpoint.setClient(getClient());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    static final class ListenFirstEndpoint extends PahoMqtt5Endpoint {

        ListenFirstEndpoint(String uri, String topic, PahoMqtt5Component component, PahoMqtt5Configuration configuration) {
            super(uri, topic, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            if (getClient() != null) {
                return super.createConsumer(processor); // a shared client is connected by whoever shares it
            }
            Consumer consumer = new ListenFirstConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }

        MqttClient newClient() throws MqttException {
            PahoMqtt5Configuration configuration = getConfiguration();
            String clientId = configuration.getClientId() != null ? configuration.getClientId() : generateClientId();
            ConnectOnSubscribeClient client = new ConnectOnSubscribeClient(configuration.getBrokerUrl(), clientId,
                    createMqttClientPersistence(configuration), createMqttConnectionOptions());
            client.setManualAcks(configuration.isManualAcksEnabled());
            return client;
        }
    }

    /**
     * Hands Camel's consumer a client of its own, not yet connected: the consumer sets its callback, then subscribes,
     * and the subscribe connects. Since the consumer takes a client it was given as not its own, stopping closes it
     * here.
     */
    static final class ListenFirstConsumer extends PahoMqtt5Consumer {

        ListenFirstConsumer(ListenFirstEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void doStart() throws Exception {
            setClient(((ListenFirstEndpoint) getEndpoint()).newClient());
            super.doStart();
        }

        /**
         * Always closes the client, connected or not: a client left in Paho's reconnect cycle (Camel's consumer only
         * disconnects a connected one) would come back later under the same client id and take the session over
         * from the next consumer.
         */
        @Override
        protected void doStop() throws Exception {
            MqttClient client = getClient();
            super.doStop();
            setClient(null);
            if (client == null) {
                return;
            }
            try {
                if (client.isConnected()) {
                    if (getEndpoint().getConfiguration().isCleanStart()) {
                        client.unsubscribe(getEndpoint().getTopic());
                    }
                    client.disconnect();
                }
            } finally {
                client.close(true);
            }
        }
    }

    /** Opens its connection on the first subscribe; automatic reconnects and later subscribes go as usual. */
    static final class ConnectOnSubscribeClient extends MqttClient {

        private final MqttConnectionOptions options;

        ConnectOnSubscribeClient(String brokerUrl, String clientId, MqttClientPersistence persistence,
                MqttConnectionOptions options) throws MqttException {
            super(brokerUrl, clientId, persistence);
            this.options = options;
        }

        @Override
        public IMqttToken subscribe(String topicFilter, int qos) throws MqttException {
            if (!isConnected()) {
                connect(options);
            }
            return super.subscribe(topicFilter, qos);
        }
    }
}
