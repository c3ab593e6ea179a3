package dev.vigil.scoring.model.context;

import java.io.DataInput;
import java.io.IOException;

import dev.vigil.scoring.model.EntityModel;
import dev.vigil.scoring.model.ModelKind;

/**
 * Contextual novelty, in the spirit of CAD OSE (Smirnov's Contextual Anomaly Detector, second on NAB's board): how
 * new a value is in the context of the values before it. Each window's value becomes a level (its bucket among
 * {@code levels} equal buckets spanning what the series did in its first {@code warmUp} windows; values beyond them
 * get buckets of their own), and the model counts, for every context of the last 0 to {@code order} levels, which
 * level came next. The raw score is the new level's novelty, {@code 1 / (1 + n)} for the {@code n} times it followed
 * each of those contexts, averaged over the orders (0: seen after every context often, 1: new after all of them),
 * as CAD OSE scores the share of the present's facts no active context predicted: a value out of its range is new
 * after every context; a value in range but where the series never went from here (a flat stretch in the middle of a
 * daily swing, a missing jump, the
 * right level at the wrong point of a pattern) is new only after the longer contexts. Counts are halved every
 * {@code memory} windows, so a new normal is learned and an old pattern fades.
 *
 * @param levels   buckets spanning the warm-up's range
 * @param order    the longest context, in windows
 * @param memory   windows after which every count is halved
 * @param capacity count cells per entity (a hashed table: distinct contexts that collide share a cell)
 * @param warmUp   windows whose range fixes the buckets; the model judges after learning contexts for as many again
 */
public record ContextKind(int levels, int order, int memory, int capacity, int warmUp) implements ModelKind {

    public static final String NAME = "context";
    public static final int DEFAULT_LEVELS = 8;
    public static final int DEFAULT_ORDER = 4;
    public static final int DEFAULT_MEMORY = 2000;
    public static final int DEFAULT_CAPACITY = 4096;
    public static final int DEFAULT_WARM_UP = 100;

    public ContextKind {
        if (levels < 2 || levels > 1024 || order < 1 || order > 32 || memory < 10 || capacity < 64
                || capacity > 1 << 20 || warmUp < 2) {
            throw new IllegalArgumentException("context needs 2..1024 levels, an order of 1..32, a memory of at least 10,"
                    + " a capacity of 64..1048576 and a warm-up of at least 2, got levels=" + levels + " order=" + order
                    + " memory=" + memory + " capacity=" + capacity + " warm-up=" + warmUp);
        }
    }

    public static ContextKind defaults() {
        return new ContextKind(DEFAULT_LEVELS, DEFAULT_ORDER, DEFAULT_MEMORY, DEFAULT_CAPACITY, DEFAULT_WARM_UP);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean multivariate() {
        return false;
    }

    @Override
    public String spec() {
        return NAME + "(levels=" + levels + ",order=" + order + ",memory=" + memory + ",capacity=" + capacity
                + ",warm-up=" + warmUp + ")";
    }

    @Override
    public EntityModel create(int dimensions, long seed) {
        return new ContextModel(this);
    }

    @Override
    public EntityModel read(DataInput in, int dimensions) throws IOException {
        ContextModel model = new ContextModel(this);
        model.read(in);
        return model;
    }

    @Override
    public String describe(double raw) {
        return "its level is " + Math.round(100 * raw) + " % new after its last 0 to " + order + " windows";
    }
}
