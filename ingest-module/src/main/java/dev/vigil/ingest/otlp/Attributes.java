package dev.vigil.ingest.otlp;

import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * OTLP attributes as Vigil tags or fields: string, boolean, integer and double values as text. Arrays, maps and bytes
 * name no single thing a series or a log field can carry, so they are left out.
 */
final class Attributes {

    /** Resource attributes the SDKs add to describe themselves: the same for every series, no tag. */
    private static final String SDK_PREFIX = "telemetry.sdk.";

    private Attributes() {
    }

    /** Adds {@code attributes}' scalar values to {@code into}, a later key replacing an earlier one. */
    static void putScalars(List<KeyValue> attributes, Map<String, String> into) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().startsWith(SDK_PREFIX)) {
                continue;
            }
            String text = scalar(attribute.getValue());
            if (text != null && !text.isEmpty()) {
                into.put(attribute.getKey(), text);
            }
        }
    }

    /** A scalar value as text; null for arrays, maps, bytes and an unset value. */
    static String scalar(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> null;
        };
    }
}
