package dev.vigil.scoring.model.context;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import dev.vigil.scoring.model.EntityModel;

/**
 * One series' contexts for {@link ContextKind}: the buckets fixed by its warm-up, its last {@code order} levels, and a
 * hashed table of how often each level followed each context of 0 to {@code order} levels. Levels are read on two
 * grids offset by half a bucket, each with contexts of its own, and a value is as new as it is on the grid where it is
 * least new: noise that crosses a bucket boundary makes new contexts on one grid only, a real change on both. Memory is
 * fixed: {@code capacity} floats.
 */
final class ContextModel implements EntityModel {

    private static final int GRIDS = 2;

    private final ContextKind kind;
    private final float[] counts;
    /** per grid, the last {@code order} levels, the newest at {@code (seen - 1) % order} */
    private final long[][] recent;
    private long seen;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double width = Double.NaN;
    private long sinceHalving;

    ContextModel(ContextKind kind) {
        this.kind = kind;
        this.counts = new float[kind.capacity()];
        this.recent = new long[GRIDS][kind.order()];
    }

    @Override
    public double score(double[] values) {
        if (seen < 2L * kind.warmUp() + kind.order()) {
            // buckets fixed by the first warm-up, contexts learned for another: before that everything is new
            return Double.NaN;
        }
        double least = Double.POSITIVE_INFINITY;
        for (int grid = 0; grid < GRIDS; grid++) {
            long level = level(values[0], grid);
            double novelty = 0;
            for (int k = 0; k <= kind.order(); k++) {
                novelty += 1 / (1 + counts[cell(grid, k, level)]);
            }
            least = Math.min(least, novelty / (kind.order() + 1));
        }
        return least;
    }

    @Override
    public double[] attribution(double[] values) {
        return new double[] {1};
    }

    @Override
    public void learn(double[] values) {
        double value = values[0];
        if (Double.isNaN(width)) {
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (seen + 1 >= kind.warmUp()) {
                width = Math.max((max - min) / kind.levels(), 1e-3 * Math.max(Math.abs(min), Math.abs(max)) + 1e-9);
            }
            seen++;
            return;
        }
        for (int grid = 0; grid < GRIDS; grid++) {
            long level = level(value, grid);
            if (seen >= kind.warmUp() + kind.order()) {
                for (int k = 0; k <= kind.order(); k++) {
                    counts[cell(grid, k, level)]++;
                }
            }
            recent[grid][(int) (seen % kind.order())] = level;
        }
        seen++;
        if (++sinceHalving >= kind.memory()) {
            sinceHalving = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] *= 0.5f;
            }
        }
    }

    /**
     * The bucket of a value on a grid: 0 to levels - 1 inside the warm-up's range (the second grid shifted by half a
     * bucket), beyond it further buckets of the same width.
     */
    private long level(double value, int grid) {
        double bucket = Math.floor((value - min) / width + (double) grid / GRIDS);
        return (long) Math.max(-1e12, Math.min(1e12, bucket));
    }

    /** The cell counting {@code level} after the grid's last {@code k} levels. */
    private int cell(int grid, int k, long level) {
        long hash = mix(grid * 64L + k + 1);
        for (int lag = 1; lag <= k; lag++) {
            hash = mix(hash ^ recent[grid][(int) ((seen - lag) % kind.order())]);
        }
        return (int) Math.floorMod(mix(hash ^ mix(level)), (long) kind.capacity());
    }

    /** SplitMix64's finaliser: spreads every bit of its input over the hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(seen);
        out.writeLong(sinceHalving);
        out.writeDouble(min);
        out.writeDouble(max);
        out.writeDouble(width);
        for (long[] grid : recent) {
            for (long level : grid) {
                out.writeLong(level);
            }
        }
        for (float count : counts) {
            out.writeFloat(count);
        }
    }

    void read(DataInput in) throws IOException {
        seen = in.readLong();
        sinceHalving = in.readLong();
        min = in.readDouble();
        max = in.readDouble();
        width = in.readDouble();
        if (seen < 0 || sinceHalving < 0 || !(Double.isNaN(width) || width > 0)) {
            throw new IOException("corrupt context snapshot: " + seen + " windows, width " + width);
        }
        for (long[] grid : recent) {
            for (int i = 0; i < grid.length; i++) {
                grid[i] = in.readLong();
            }
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.readFloat();
        }
    }
}
