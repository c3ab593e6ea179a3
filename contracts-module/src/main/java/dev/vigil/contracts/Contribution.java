package dev.vigil.contracts;

/**
 * What one feature of a window brought to a detector's verdict: its value against its baseline, in robust sigmas.
 *
 * @param feature  the feature
 * @param observed its value in the window
 * @param expected its baseline's median
 * @param scale    the robust spread ({@code 1.4826 * MAD}, floored) it was measured with
 * @param sigmas   {@code (observed - expected) / scale}, signed
 */
public record Contribution(String feature, double observed, double expected, double scale, double sigmas) {
}
