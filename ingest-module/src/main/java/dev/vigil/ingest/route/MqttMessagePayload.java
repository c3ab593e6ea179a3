package dev.vigil.ingest.route;

import dev.vigil.ingest.mqtt.MqttReading;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/**
 * For a route that reads {@code vigil-mqtt:} one message at a time (the vigil-mqtt-json-source Kamelet splits the
 * session's lists): the exchange's {@link MqttReading} becomes its payload's bytes. A processor by name
 * ({@value #NAME}), so a YAML route needs no bean language for it.
 */
@Singleton
@Named(MqttMessagePayload.NAME)
public class MqttMessagePayload implements Processor {

    public static final String NAME = "vigilMqttPayload";

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        exchange.getMessage().setBody(exchange.getMessage().getMandatoryBody(MqttReading.class).payload());
    }
}
