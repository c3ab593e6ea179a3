package dev.vigil.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers written into findings, exactly as {@code String.format(Locale.ROOT, "%.4g" / "%.1f")} writes them but
 * without a {@link java.util.Formatter} per call: descriptions are written for every scorer on every event, and the
 * formatter's parsing was most of the bytes a detector allocated per event.
 */
public final class Numbers {

    private Numbers() {
    }

    /** As {@code %.Ng}: {@code digits} significant digits, scientific below 1e-4 and from 10^digits on. */
    public static String significant(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return fixed(value, digits - 1);
        }
        // the shortest decimal of the double, rounded half up, as the formatter rounds it
        BigDecimal rounded = BigDecimal.valueOf(value).round(new java.math.MathContext(digits, RoundingMode.HALF_UP));
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < Math.pow(10, digits)) {
            int exponent = rounded.precision() - rounded.scale() - 1;
            return rounded.setScale(Math.max(0, digits - 1 - exponent), RoundingMode.HALF_UP).toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(digits - 1, RoundingMode.HALF_UP);
        int e = Math.abs(exponent);
        return mantissa.toPlainString() + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e;
    }

    /** As {@code %.Nf}: {@code decimals} digits after the point, rounded half up. */
    public static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }
        String text = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        // the formatter keeps the sign of a negative value that rounds to zero, and of -0.0
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        return negative && !text.startsWith("-") ? "-" + text : text;
    }
}
