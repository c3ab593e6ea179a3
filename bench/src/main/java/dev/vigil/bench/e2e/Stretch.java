package dev.vigil.bench.e2e;

/**
 * The rate of a consumer over the stretch of a run from {@code from} events to {@code to}: the first part (start-up,
 * connection, JIT warm-up) is left out, the same way for Vigil and for the raw consumer it is compared with.
 */
final class Stretch {

    private final long from;
    private final long to;
    private long fromNanos = -1;
    private long fromCount;
    private long toNanos = -1;
    private long toCount;

    Stretch(long from, long to) {
        this.from = from;
        this.to = to;
    }

    /** The consumer had {@code count} events at {@code nanos} ({@link System#nanoTime}). */
    void progress(long nanos, long count) {
        if (fromNanos < 0 && count >= from) {
            fromNanos = nanos;
            fromCount = count;
        }
        if (toNanos < 0 && count >= to) {
            toNanos = nanos;
            toCount = count;
        }
    }

    boolean done() {
        return toNanos >= 0;
    }

    /** Events per second over the stretch. */
    double perSecond() {
        if (!done() || toNanos == fromNanos) {
            throw new IllegalStateException("the stretch from " + from + " to " + to + " events was not covered");
        }
        return (toCount - fromCount) / ((toNanos - fromNanos) / 1e9);
    }
}
