package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The last {@code capacity} values of a series in a ring buffer, with their mean, standard deviation, median and MAD.
 * The statistics are computed on first read after a {@link #add} and cached, so every scorer reading them costs one
 * computation per value learned, not one per read.
 */
final class RollingWindow {

    /**
     * Sort buffer shared by all windows of a thread: a state is used under its monitor by one thread at a time, and
     * one buffer per thread instead of one per series keeps a series' memory to its values.
     */
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[64]);

    private final double[] values;
    private int size;
    private int next;

    private boolean cached;
    private double mean = Double.NaN;
    private double stdDev = Double.NaN;
    private double median = Double.NaN;
    private double mad = Double.NaN;

    RollingWindow(int capacity) {
        this.values = new double[capacity];
    }

    void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
        cached = false;
    }

    int size() {
        return size;
    }

    double mean() {
        compute();
        return mean;
    }

    double stdDev() {
        compute();
        return stdDev;
    }

    double median() {
        compute();
        return median;
    }

    double mad() {
        compute();
        return mad;
    }

    private void compute() {
        if (cached || size == 0) {
            return;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        mean = sum / size;
        double squares = 0;
        for (int i = 0; i < size; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        stdDev = Math.sqrt(squares / size);

        double[] scratch = scratch(size);
        System.arraycopy(values, 0, scratch, 0, size);
        Arrays.sort(scratch, 0, size);
        median = middle(scratch, size);
        mad = medianDeviation(scratch, size, median);
        cached = true;
    }

    /**
     * The median of {@code |x - median|} over a sorted array without sorting the deviations: they grow outwards from
     * the median on both sides, so merging the two sides up to the middle rank finds it in linear time. (Sorting
     * them costs a second sort, and the JDK's sort allocates a merge buffer for such two-run arrays.)
     */
    private static double medianDeviation(double[] sorted, int size, double median) {
        int right = 0;
        while (right < size && sorted[right] < median) {
            right++;
        }
        int left = right - 1;
        int target = size / 2;
        double previous = Double.NaN;
        double current = Double.NaN;
        for (int rank = 0; rank <= target; rank++) {
            previous = current;
            double fromLeft = left >= 0 ? median - sorted[left] : Double.POSITIVE_INFINITY;
            double fromRight = right < size ? sorted[right] - median : Double.POSITIVE_INFINITY;
            if (fromLeft <= fromRight) {
                current = fromLeft;
                left--;
            } else {
                current = fromRight;
                right++;
            }
        }
        return size % 2 == 1 ? current : (previous + current) / 2;
    }

    private static double[] scratch(int size) {
        double[] scratch = SCRATCH.get();
        if (scratch.length < size) {
            scratch = new double[size];
            SCRATCH.set(scratch);
        }
        return scratch;
    }

    private static double middle(double[] sorted, int size) {
        int mid = size / 2;
        return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Writes the buffer as laid out in memory, so a restored window sums in the same order, to the same bits. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        out.writeInt(next);
        for (int i = 0; i < size; i++) {
            out.writeDouble(values[i]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int storedSize = in.readInt();
        int storedNext = in.readInt();
        if (storedSize < 0 || storedSize > values.length || storedNext < 0 || storedNext >= values.length) {
            throw new IOException("corrupt rolling window: size " + storedSize + ", next " + storedNext
                    + " for a window of " + values.length);
        }
        for (int i = 0; i < storedSize; i++) {
            values[i] = in.readDouble();
        }
        size = storedSize;
        next = storedNext;
        cached = false;
    }
}
