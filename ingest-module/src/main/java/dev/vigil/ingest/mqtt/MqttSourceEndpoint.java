package dev.vigil.ingest.mqtt;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A {@code vigil-mqtt:} endpoint: one MQTT session's settings; it only consumes. */
public class MqttSourceEndpoint extends DefaultEndpoint {

    private final MqttSessionSettings settings;

    MqttSourceEndpoint(String uri, MqttSourceComponent component, MqttSessionSettings settings) {
        super(uri, component);
        this.settings = settings;
    }

    public MqttSessionSettings settings() {
        return settings;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MqttSourceConsumer consumer = new MqttSourceConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(MqttSourceComponent.SCHEME + " only consumes; publish with paho-mqtt5");
    }
}
