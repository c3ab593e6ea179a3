package dev.vigil.ingest.sparkplug;

import java.util.OptionalDouble;

import dev.vigil.contracts.InvalidInputException;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric.ValueCase;

/**
 * A Sparkplug metric's value as a number, read by the data type its birth certificate declared: the integer types
 * (signed ones two's complement in {@code int_value} or {@code long_value}, unsigned ones read unsigned), Float,
 * Double, and Boolean as 1 or 0. Other types (strings, dates, data sets, templates, arrays...) are no measurement and
 * have no number. A value field that does not fit the declared type is invalid input.
 */
final class MetricValues {

    private MetricValues() {
    }

    /** The number, or empty when the type is not numeric or boolean. */
    static OptionalDouble numeric(DataType type, Metric metric) {
        ValueCase field = metric.getValueCase();
        return switch (type) {
            case Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64 -> OptionalDouble.of(integer(type, metric));
            case Float -> OptionalDouble.of(expect(type, field, ValueCase.FLOAT_VALUE) ? metric.getFloatValue() : 0);
            case Double -> OptionalDouble.of(expect(type, field, ValueCase.DOUBLE_VALUE) ? metric.getDoubleValue() : 0);
            case Boolean -> OptionalDouble.of(expect(type, field, ValueCase.BOOLEAN_VALUE) && metric.getBooleanValue() ? 1 : 0);
            default -> OptionalDouble.empty();
        };
    }

    /** Tahu writes the 32-bit types to {@code int_value} and UInt32 and the 64-bit ones to {@code long_value}: both read. */
    private static double integer(DataType type, Metric metric) {
        long raw = switch (metric.getValueCase()) {
            case INT_VALUE -> metric.getIntValue();
            case LONG_VALUE -> metric.getLongValue();
            default -> throw mismatch(type, metric.getValueCase());
        };
        return switch (type) {
            case Int8 -> (byte) raw;
            case Int16 -> (short) raw;
            case Int32 -> (int) raw;
            case UInt8 -> raw & 0xFF;
            case UInt16 -> raw & 0xFFFF;
            case UInt32 -> raw & 0xFFFF_FFFFL;
            case UInt64 -> raw >= 0 ? raw : (raw >>> 1) * 2.0 + (raw & 1);
            default -> raw; // Int64
        };
    }

    private static boolean expect(DataType type, ValueCase field, ValueCase expected) {
        if (field != expected) {
            throw mismatch(type, field);
        }
        return true;
    }

    private static InvalidInputException mismatch(DataType type, ValueCase field) {
        return new InvalidInputException("declared " + type + " but carries "
                + (field == ValueCase.VALUE_NOT_SET ? "no value" : field.name().toLowerCase()));
    }
}
